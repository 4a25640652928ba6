import { z } from 'zod';
import { NoRulesError, rulesFor } from '../rules';
import { checkEligibility } from './check';
import { resolveMunicipality, type WardName } from './resolve';
import { EMPLOYMENTS, PROGRAM_TYPES, type EligibilityResult, type Employment, type Municipality, type ProgramType, type Sender } from './types';

/**
 * A pairing as people type it (names or codes), shared by the JSON API, the page and the CLI.
 * Field names are the API's query parameters.
 */
export const PairingQuerySchema = z.object({
  municipality: z.string({ required_error: '受入市町村を入力してください' }).trim().min(1, '受入市町村を入力してください').max(100, '受入市町村は100文字以内で入力してください'),
  companyHq: z.string().trim().max(100, '本社所在地は100文字以内で入力してください').optional(),
  type: z.enum(PROGRAM_TYPES, {
    errorMap: () => ({ message: '類型は dispatch（企業派遣型）、side_job（副業型）、senior（シニア型）のいずれかを指定してください' }),
  }),
  employment: z
    .enum(EMPLOYMENTS, { errorMap: () => ({ message: '就業形態は employed（在籍）、retired（退職）、freelance（フリーランス）のいずれかを指定してください' }) })
    .optional(),
  fy: z.coerce
    .number({ invalid_type_error: '年度は西暦の4桁（例：2026）で指定してください' })
    .int('年度は西暦の4桁（例：2026）で指定してください')
    .min(2000, '年度は西暦の4桁（例：2026）で指定してください')
    .max(2100, '年度は西暦の4桁（例：2026）で指定してください')
    .optional(),
});
export type PairingQuery = z.input<typeof PairingQuerySchema>;
export type PairingField = keyof z.infer<typeof PairingQuerySchema>;

export interface MunicipalitySummary {
  lgCode: string;
  prefName: string;
  name: string;
  /** the 政令市's ward that was typed (「大阪市北区」): shown, while the rules use the city */
  ward?: WardName;
}

export interface PairingError {
  field: PairingField;
  code: 'invalid' | 'required' | 'not_found' | 'ambiguous' | 'no_rules';
  message_ja: string;
  candidates?: MunicipalitySummary[];
}

export type PairingOutcome =
  | {
      ok: true;
      result: EligibilityResult;
      type: ProgramType;
      employment: Employment | null;
      municipality: MunicipalitySummary;
      companyHq: MunicipalitySummary | null;
    }
  | { ok: false; errors: PairingError[] };

const summary = (m: Municipality, ward?: WardName): MunicipalitySummary => ({ lgCode: m.lgCode, prefName: m.prefName, name: m.name, ...(ward ? { ward } : {}) });

/**
 * Resolves both municipalities and checks the pairing. Input problems (unknown or ambiguous names,
 * bad values) come back all at once as errors; a decided answer, eligible or not, is `ok`.
 * Without `employment`, dispatch is a company, side_job an employee and senior a retiree.
 */
export function checkPairing(query: Record<string, unknown>, list: readonly Municipality[], defaultFiscalYear: number): PairingOutcome {
  const parsed = PairingQuerySchema.safeParse(query);
  const errors: PairingError[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as PairingField;
      if (!errors.some((e) => e.field === field)) errors.push({ field, code: query[field] === undefined ? 'required' : 'invalid', message_ja: issue.message });
    }
  }
  const q = parsed.success ? parsed.data : null;
  const fiscalYear = q?.fy ?? defaultFiscalYear;
  if (q) {
    try {
      rulesFor(fiscalYear);
    } catch (error) {
      if (!(error instanceof NoRulesError)) throw error;
      errors.push({ field: 'fy', code: 'no_rules', message_ja: error.message });
    }
  }

  const wards: Partial<Record<'municipality' | 'companyHq', WardName>> = {};
  const resolve = (field: 'municipality' | 'companyHq', text: unknown): Municipality | null => {
    if (typeof text !== 'string' || text.trim() === '') return null;
    const r = resolveMunicipality(text, list);
    if (r.status === 'found') {
      if (r.ward) wards[field] = r.ward;
      return r.municipality;
    }
    const label = field === 'municipality' ? '受入市町村' : '本社所在地';
    if (r.status === 'ambiguous') {
      errors.push({ field, code: 'ambiguous', message_ja: `${label}：${r.message_ja}`, candidates: r.candidates.map((m) => summary(m)) });
    } else {
      errors.push({ field, code: 'not_found', message_ja: `${label}：${r.message_ja}`, candidates: r.suggestions.map((m) => summary(m)) });
    }
    return null;
  };
  const municipality = resolve('municipality', query.municipality);
  const hq = resolve('companyHq', query.companyHq);

  const type = q?.type ?? null;
  const employment = q?.employment ?? (type === 'side_job' ? 'employed' : type === 'senior' ? 'retired' : null);
  if (q && employment !== 'freelance' && (q.companyHq ?? '') === '') {
    errors.push({
      field: 'companyHq',
      code: 'required',
      message_ja: type === 'dispatch' && !q.employment ? '企業の本社所在地を入力してください' : '勤務先（退職した方は元の勤務先）の本社所在地を入力してください',
    });
  }
  if (errors.length || !q || !municipality || !type) return { ok: false, errors };

  const sender: Sender = employment === null ? { kind: 'company', hq: hq! } : { kind: 'individual', employment, employerHq: hq };
  const result = checkEligibility({ municipality, sender, type, fiscalYear });
  return { ok: true, result, type, employment, municipality: summary(municipality, wards.municipality), companyHq: hq ? summary(hq, wards.companyHq) : null };
}

/** All input problems on one line, for a command line or a JSON `message`. */
export function pairingErrorsText(errors: PairingError[]): string {
  return errors.map((e) => e.message_ja).join(' / ');
}
