export * from './draft';
export * from './document';
export * from './template';
export { buildAgreement, draftFiscalYear, templateContext, termLengthText } from './build-agreement';
export {
  checkAgreement,
  PARTIAL_MONTH_COUNTS_AS_WHOLE,
  termByFiscalYear,
  type AgreementCheck,
  type AgreementViolation,
  type CheckContext,
  type FiscalYearEstimate,
  type TaxEstimateLine,
} from './check-agreement';
export { AgreementTemplateError, formatNumber } from './fill';
export { BLANK_WAREKI_DATE } from './dates';
export { DEFAULT_TEMPLATES, selectTemplate, type SelectedTemplate } from './templates';
