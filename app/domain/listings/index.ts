export * from './categories';
export * from './lifecycle';
export * from './model';
export * from './permissions';
export * from './prefectures';
export * from './rules';
export * from './search-document';
export * from './verdict';
