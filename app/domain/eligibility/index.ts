export * from './types';
export { checkEligibility } from './check';
export { classifyCompany } from './classify';
export { countListed, isListedReceiver, joinedAfterList, type ReceivingList } from './listing';
export { lgCodeCheckDigit, nameKey, resolveMunicipality, type Resolution } from './resolve';
export { BASIS_LABELS, cityKinds, displayName } from './describe';
export { termOf, validateWorkPattern, type WorkPatternField, type WorkPatternInput, type WorkPatternViolation } from './work-pattern';
export {
  checkPairing,
  pairingErrorsText,
  PairingQuerySchema,
  type MunicipalitySummary,
  type PairingError,
  type PairingField,
  type PairingOutcome,
  type PairingQuery,
} from './pairing';
export * from '../rules';
export * from '../tax';
