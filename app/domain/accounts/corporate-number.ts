/**
 * 法人番号 (corporate number): 13 digits, the first being a check digit over the other twelve.
 * check = 9 − (Σ Pn × Qn mod 9), Pn the n-th of the twelve digits counted from the right,
 * Qn = 1 for odd n and 2 for even n (国税庁「法人番号の指定」, 法人番号の検査用数字の計算方法).
 */
export function corporateNumberCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** Full-width digits become ASCII (NFKC); spaces and hyphens people type for readability are dropped. */
export function normaliseCorporateNumber(input: string): string {
  return input.normalize('NFKC').replace(/[\s\-‐‑–—―ー]/g, '');
}

export type CorporateNumberResult =
  | { ok: true; value: string }
  | { ok: false; code: 'empty' | 'not_digits' | 'length' | 'check_digit'; message: string };

export function parseCorporateNumber(input: string): CorporateNumberResult {
  const value = normaliseCorporateNumber(input);
  if (value === '') return { ok: false, code: 'empty', message: '法人番号を入力してください。' };
  if (!/^[0-9]+$/.test(value)) return { ok: false, code: 'not_digits', message: '法人番号は数字13桁で入力してください（文字や記号は使えません）。' };
  if (value.length !== 13) {
    return { ok: false, code: 'length', message: `法人番号は13桁です（入力は${value.length}桁でした）。` };
  }
  if (corporateNumberCheckDigit(value.slice(1)) !== Number(value[0])) {
    return { ok: false, code: 'check_digit', message: '法人番号が正しくありません（検査用数字が一致しません）。国税庁法人番号公表サイトで確認してください。' };
  }
  return { ok: true, value };
}
