import { describe, expect, it } from 'vitest';
import { parseAgreementDraft } from '../../../app/domain/agreements';
import { exampleJson } from './drafts';

describe('parseAgreementDraft', () => {
  it.each(['dispatch', 'side_job', 'senior'] as const)('accepts the %s example', (kind) => {
    const parsed = parseAgreementDraft(exampleJson(kind));
    expect(parsed.ok).toBe(true);
  });

  it('fills defaults: 30 days to pay, no special provisions', () => {
    const json = exampleJson('senior');
    delete json.amounts.payment.daysAfterInvoice;
    delete json.specialProvisions;
    const parsed = parseAgreementDraft(json);
    if (!parsed.ok) throw new Error('expected a valid draft');
    expect(parsed.draft.amounts.payment.daysAfterInvoice).toBe(30);
    expect(parsed.draft.specialProvisions).toEqual([]);
  });

  it('lists every wrong field with its dotted path, in Japanese', () => {
    const json = exampleJson('dispatch');
    json.term.end = '2027-02-30';
    json.amounts.contributionMonthly = -1;
    json.duties = [];
    delete json.company.representative;
    const parsed = parseAgreementDraft(json);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual(
      expect.arrayContaining([
        { field: 'term.end', message_ja: '終了日はYYYY-MM-DD形式の実在する日付で入力してください' },
        { field: 'amounts.contributionMonthly', message_ja: '負担金（月額）は0円以上で入力してください' },
        { field: 'duties', message_ja: '業務内容を1件以上入力してください' },
        { field: 'company.representative', message_ja: '乙（法人）の代表者を入力してください' },
      ]),
    );
    expect(parsed.issues).toHaveLength(4);
  });

  it('names the party of a missing representative, so 甲 and 乙 are told apart', () => {
    const json = exampleJson('dispatch');
    json.municipality.representative.name = '';
    json.company.representative.name = ' ';
    const parsed = parseAgreementDraft(json);
    if (parsed.ok) throw new Error('expected refusals');
    expect(parsed.issues).toEqual([
      { field: 'municipality.representative.name', message_ja: '甲（自治体）の代表者の氏名を入力してください' },
      { field: 'company.representative.name', message_ja: '乙（法人）の代表者の氏名を入力してください' },
    ]);
  });

  it('names unknown fields instead of dropping them silently', () => {
    const json = { ...exampleJson('dispatch'), agreementdate: '2026-09-01' };
    const parsed = parseAgreementDraft(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues).toEqual([{ field: '(draft)', message_ja: '不明な項目です（agreementdate）' }]);
  });

  it('refuses an unknown kind with a clear message', () => {
    const parsed = parseAgreementDraft({ ...exampleJson('dispatch'), kind: 'freelance' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]).toEqual({ field: 'kind', message_ja: '種別(kind)は dispatch / side_job / senior のいずれかです' });
  });

  it('the fields of one kind are not accepted on another', () => {
    const json = { ...exampleJson('side_job'), company: exampleJson('dispatch').company };
    const parsed = parseAgreementDraft(json);
    expect(parsed.ok).toBe(false);
  });
});
