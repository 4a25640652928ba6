/** The search interface: types, indexing inside a caller's transaction, and the engine factory. */
export * from './types';
export { indexDocument, removeDocument } from './indexing';
export { createSearch, type SearchService, type SearchConfig, type SynonymSync } from './create-search';
