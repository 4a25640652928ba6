export * from './states';
export * from './transitions';
export * from './parties';
export * from './system-lines';
export * from './slots';
export * from './inquiry';
export * from './notifications';
