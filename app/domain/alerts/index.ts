export * from './frequency';
export * from './period';
export * from './saved-search';
export * from './digest';
export * from './proposal-digest';
