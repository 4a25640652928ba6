import { z } from 'zod';

/**
 * An agreement's kind is the programme type (app/domain/vocabulary.ts): 企業派遣型 → 協定書
 * (municipality–company); 副業型 / シニア型 → 契約書 (municipality–individual).
 */
export { PROGRAM_TYPES as AGREEMENT_KINDS, PROGRAM_TYPE_LABELS as AGREEMENT_KIND_LABELS, type ProgramType as AgreementKind } from '../vocabulary';

function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const text = (label: string, max = 400) =>
  z
    .string({ required_error: `${label}を入力してください`, invalid_type_error: `${label}は文字列で入力してください` })
    .trim()
    .min(1, `${label}を入力してください`)
    .max(max, `${label}は${max}文字以内で入力してください`);

const date = (label: string) =>
  z
    .string({ required_error: `${label}を入力してください`, invalid_type_error: `${label}はYYYY-MM-DD形式で入力してください` })
    .refine(isCalendarDate, `${label}はYYYY-MM-DD形式の実在する日付で入力してください`);

const yen = (label: string) =>
  z
    .number({ required_error: `${label}を入力してください`, invalid_type_error: `${label}は数値（円）で入力してください` })
    .int(`${label}は円単位の整数で入力してください`)
    .min(0, `${label}は0円以上で入力してください`)
    .max(1_000_000_000, `${label}が大きすぎます`);

const count = (label: string, max: number) =>
  z
    .number({ required_error: `${label}を入力してください`, invalid_type_error: `${label}は数値で入力してください` })
    .min(0, `${label}は0以上で入力してください`)
    .max(max, `${label}は${max}以下で入力してください`);

const lgCode = (label: string) =>
  z
    .string({ required_error: `${label}を入力してください` })
    .regex(/^\d{6}$/, `${label}は6桁の全国地方公共団体コードで入力してください`);

const obj = <T extends z.ZodRawShape>(label: string, shape: T) =>
  z.object(shape, { required_error: `${label}を入力してください`, invalid_type_error: `${label}の形式が正しくありません` }).strict();

/** The representative of 甲 or 乙: the messages name the party, since both have the same fields. */
const representativeSchema = (party: '甲（自治体）' | '乙（法人）') =>
  obj(`${party}の代表者`, {
    /** 職名: 函館市長, 代表取締役 */
    title: text(`${party}の代表者の職名`, 60),
    name: text(`${party}の代表者の氏名`, 60),
  });

export const municipalityPartySchema = obj('自治体', {
  lgCode: lgCode('自治体コード'),
  prefecture: text('都道府県名', 10),
  /** 函館市 (with the prefecture only where it is needed to tell it apart, e.g. 北海道伊達市) */
  name: text('自治体名', 40),
  address: text('自治体の所在地', 200),
  representative: representativeSchema('甲（自治体）'),
  /** 担当課: receives the reports */
  department: text('担当課', 60),
});

export const companyPartySchema = obj('法人', {
  name: text('法人名', 100),
  address: text('法人の所在地', 200),
  representative: representativeSchema('乙（法人）'),
  /** where the head-office function is: decides the company class (A/B) */
  hqLgCode: lgCode('本社所在地の自治体コード'),
});

const individualSchema = obj('起業人本人の情報', {
  name: text('氏名', 60),
  address: text('住所', 200),
  /** 役職・名称 given by the municipality, e.g. 地域活性化起業人（観光DX推進アドバイザー） */
  role: text('役割', 100),
});

export const termSchema = obj('期間', { start: date('開始日'), end: date('終了日') });

export const workPatternSchema = obj('勤務日数等', {
  daysPerMonth: count('月あたりの勤務日数', 31),
  hoursPerMonth: count('月あたりの勤務時間', 744),
  daysOnSitePerMonth: count('月あたりの現地勤務日数', 31),
});

export const handlingSchema = obj('旅費・住居・物品の取扱い', {
  travel: text('旅費の取扱い', 400),
  housing: text('住居の取扱い', 400),
  equipment: text('物品・機器の取扱い', 400),
});

/** yearly: once a fiscal year (or at the end of the term, if earlier), as budgets are voted per year */
export const PAYMENT_METHODS = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;

export const paymentScheduleSchema = obj('支払方法', {
  method: z.enum(PAYMENT_METHODS, { errorMap: () => ({ message: '支払の時期は monthly / quarterly / half_yearly / yearly のいずれかです' }) }),
  /** days after a proper invoice within which the municipality pays (政府契約の支払遅延防止等に関する法律: at most 30) */
  daysAfterInvoice: z.number().int().min(1, '支払期限は1日以上です').max(60, '支払期限は60日以内です').default(30),
});

export const IP_OWNERS = ['municipality', 'shared', 'partner'] as const;

const common = {
  /** the draft's version: every save is one more; exports carry it */
  version: z.number({ required_error: '版を入力してください' }).int('版は整数です').min(1, '版は1以上です'),
  /** fiscal year (April start) whose templates and rules apply; defaults to the year of the term's start */
  fiscalYear: z.number().int().min(2019).max(2100).optional(),
  /** date of signature; left blank (令和 年 月 日) until the parties sign */
  agreementDate: date('締結日').optional(),
  municipality: municipalityPartySchema,
  purpose: text('目的', 600),
  duties: z.array(text('業務内容', 300), { required_error: '業務内容を1件以上入力してください' }).min(1, '業務内容を1件以上入力してください').max(20, '業務内容は20件以内です'),
  placeOfWork: text('勤務場所', 300),
  term: termSchema,
  workPattern: workPatternSchema,
  handling: handlingSchema,
  /** 報告: how often the person reports to the municipality's department */
  reporting: obj('報告', { frequency: z.enum(['monthly', 'quarterly'], { errorMap: () => ({ message: '報告の頻度は monthly / quarterly のいずれかです' }) }) }),
  results: obj('成果の帰属', { ipOwner: z.enum(IP_OWNERS, { errorMap: () => ({ message: '成果の帰属は municipality / shared / partner のいずれかです' }) }) }),
  /** 特記事項: extra provisions agreed between the parties, one article */
  specialProvisions: z.array(text('特記事項', 400)).max(10, '特記事項は10件以内です').default([]),
};

export const dispatchDraftSchema = z.object({
  kind: z.literal('dispatch'),
  ...common,
  company: companyPartySchema,
  person: obj('派遣される社員', {
    name: text('派遣される社員の氏名', 60),
    role: text('役割', 100),
    /** 所属・役職 inside the company */
    position: text('社内の所属・役職', 100),
  }),
  amounts: obj('金額', {
    /** 負担金 (monthly) paid by the municipality to the company */
    contributionMonthly: yen('負担金（月額）'),
    payment: paymentScheduleSchema,
  }),
}).strict();

const individualAmounts = obj('金額', {
  /** 報償費 (monthly) */
  rewardMonthly: yen('報償費（月額）'),
  /** 旅費: actual costs under the municipality's travel rules, up to this amount per fiscal year */
  travelAnnualLimit: yen('旅費（年度上限）'),
  payment: paymentScheduleSchema,
});

export const sideJobDraftSchema = z.object({
  kind: z.literal('side_job'),
  ...common,
  person: individualSchema,
  employer: obj('勤務先', {
    name: text('勤務先の法人名', 100),
    address: text('勤務先の所在地', 200),
    hqLgCode: lgCode('勤務先本社の自治体コード'),
    /** 副業の承認: the employer's written permission to take this work on */
    approval: obj('副業承認', { obtained: z.boolean({ required_error: '勤務先の副業承認の有無を入力してください' }), date: date('副業承認日').optional() }),
  }),
  amounts: individualAmounts,
}).strict();

export const seniorDraftSchema = z.object({
  kind: z.literal('senior'),
  ...common,
  person: individualSchema,
  formerEmployer: obj('退職した法人', {
    name: text('退職した法人の名称', 100),
    hqLgCode: lgCode('退職した法人の本社の自治体コード'),
    retiredOn: date('退職日'),
  }),
  amounts: individualAmounts,
}).strict();

export const agreementDraftSchema = z.discriminatedUnion('kind', [dispatchDraftSchema, sideJobDraftSchema, seniorDraftSchema], {
  errorMap: (issue, ctx) =>
    issue.code === 'invalid_union_discriminator' ? { message: '種別(kind)は dispatch / side_job / senior のいずれかです' } : { message: ctx.defaultError },
});

export type AgreementDraft = z.infer<typeof agreementDraftSchema>;

export type DraftIssue = { field: string; message_ja: string };

/** Parses unknown JSON into a draft; on failure, one entry per wrong field (dotted path) in Japanese. */
export function parseAgreementDraft(value: unknown): { ok: true; draft: AgreementDraft } | { ok: false; issues: DraftIssue[] } {
  const parsed = agreementDraftSchema.safeParse(value);
  if (parsed.success) return { ok: true, draft: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({
      field: i.path.join('.') || '(draft)',
      message_ja: i.code === 'unrecognized_keys' ? `不明な項目です（${i.keys.join(', ')}）` : i.message,
    })),
  };
}

/** The organisation or person on the other side of the municipality, for display and eligibility. */
export function senderOf(draft: AgreementDraft): { name: string; hqLgCode: string } {
  switch (draft.kind) {
    case 'dispatch':
      return { name: draft.company.name, hqLgCode: draft.company.hqLgCode };
    case 'side_job':
      return { name: draft.employer.name, hqLgCode: draft.employer.hqLgCode };
    case 'senior':
      return { name: draft.formerEmployer.name, hqLgCode: draft.formerEmployer.hqLgCode };
  }
}
