export { countMunicipalities, findMunicipalityByCode } from '../../db/queries/municipalities';
