/**
 * An annual cap cut to the months of acceptance inside one fiscal year (months/12), rounded down
 * to the yen. 12 months (or more) is the full cap.
 */
export function prorateCap(annualCap: number, months: number): number {
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`months must be a whole number ≥ 0: ${months}`);
  if (months >= 12) return annualCap;
  return Math.floor((annualCap * months) / 12);
}
