export { estimateTaxMeasure, type TaxEstimate, type TaxEstimateInput, type TaxEstimateItem } from './estimate';
export { prorateCap } from '../rules/prorate';
export { TAX_ITEMS, type TaxItem } from '../rules/types';
