import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corporateNumberCheckDigit, parseCorporateNumber } from '../../../app/domain/accounts/corporate-number';
import { toZod } from '../../../app/schemas/form';
import { CompanySignupForm } from '../../../app/schemas/signup';

describe('法人番号 check digit', () => {
  it.each([
    ['7000012050002', '国税庁'],
    ['1010001234561', 'demo company (千代田区)'],
    ['6011001077665', 'demo pending company'],
  ])('accepts %s (%s)', (input) => {
    expect(parseCorporateNumber(input)).toEqual({ ok: true, value: input });
  });

  it('computes the documented example: 国税庁 7000012050002 has check digit 7', () => {
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
  });

  it('rejects a number with one digit off', () => {
    expect(parseCorporateNumber('7000012050003')).toMatchObject({ ok: false, code: 'check_digit' });
    expect(parseCorporateNumber('8000012050002')).toMatchObject({ ok: false, code: 'check_digit' });
  });

  it('rejects every single-digit change of a valid number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{12}$/), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (base, pos, delta) => {
        const valid = `${corporateNumberCheckDigit(base)}${base}`;
        expect(parseCorporateNumber(valid).ok).toBe(true);
        const digits = valid.split('');
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        // The weights 1 and 2 are invertible mod 9, so a change of one digit is caught unless it is 0↔9.
        const changed = digits.join('');
        const caught = !parseCorporateNumber(changed).ok;
        const zeroNine = new Set([valid[pos], changed[pos]]).size === 2 && [valid[pos], changed[pos]].sort().join('') === '09';
        expect(caught || zeroNine).toBe(true);
      }),
    );
  });

  it('rejects letters and symbols', () => {
    expect(parseCorporateNumber('70000120500A2')).toMatchObject({ ok: false, code: 'not_digits' });
    expect(parseCorporateNumber('abcdefghijklm')).toMatchObject({ ok: false, code: 'not_digits' });
  });

  it('rejects the wrong length with the length it got', () => {
    const r = parseCorporateNumber('700001205000');
    expect(r).toMatchObject({ ok: false, code: 'length' });
    expect(!r.ok && r.message).toContain('12桁');
    expect(parseCorporateNumber('')).toMatchObject({ ok: false, code: 'empty' });
  });

  it('normalises full-width digits, spaces and hyphens (NFKC)', () => {
    expect(parseCorporateNumber('７００００１２０５０００２')).toEqual({ ok: true, value: '7000012050002' });
    expect(parseCorporateNumber(' 7-0000-1205-0002 ')).toEqual({ ok: true, value: '7000012050002' });
    expect(parseCorporateNumber('７０００　０１２０　５０００２')).toEqual({ ok: true, value: '7000012050002' });
  });

  it('puts the Japanese message next to the field in the company form', async () => {
    const r = await toZod(CompanySignupForm).safeParseAsync({
      name: '山田 太郎', email: 'taro@example.jp', password: 'correct-horse-battery', agree: 'on', companyName: '株式会社テスト',
      corporateNumber: '7000012050003', headOffice: '東京都千代田区', department: '総務部', phone: '03-1234-5678', evidence: '公式サイトに掲載',
    });
    expect(r.success).toBe(false);
    const issue = !r.success ? r.error.issues.find((i) => i.path[0] === 'corporateNumber') : undefined;
    expect(issue?.message).toMatch(/検査用数字/);
  });
});
