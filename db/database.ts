import type { MunicipalityTables } from './types/municipalities';

/**
 * The whole schema, composed from one interface per feature (see db/types/).
 * Tables are snake_case, exactly as in the migrations.
 */
export interface Database extends MunicipalityTables {}
