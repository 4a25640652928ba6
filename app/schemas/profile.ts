import { z } from 'zod';
import { CAREER_ROWS, ONSITE_FREQUENCIES } from '../domain/accounts/profile';
import { formSchema } from './form';

/* The individual profile form of /settings/profile: plain fields, so it works without JavaScript. */

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const optionalText = (label: string, max: number) =>
  z.preprocess((v) => str(v).replace(/\r\n/g, '\n').trim(), z.string().max(max, `${label}は${max}文字以内で入力してください。`));
const optionalInt = (label: string, min: number, max: number, unit: string) =>
  z.preprocess(
    (v) => (str(v).normalize('NFKC').trim() === '' ? null : Number(str(v).normalize('NFKC').trim())),
    z
      .number({ invalid_type_error: `${label}は半角数字で入力してください。` })
      .int(`${label}は整数で入力してください。`)
      .min(min, `${label}は${min}${unit}以上にしてください。`)
      .max(max, `${label}は${max}${unit}以下にしてください。`)
      .nullable(),
  );
const thisYear = new Date().getUTCFullYear();
const year = (label: string) => optionalInt(label, 1950, thisYear + 1, '年');

const careerShape = Object.fromEntries(
  Array.from({ length: CAREER_ROWS }, (_, i) => i + 1).flatMap((n) => [
    [`career${n}Employer`, optionalText(`職歴${n}の勤務先`, 100)],
    [`career${n}Role`, optionalText(`職歴${n}の役職・仕事`, 100)],
    [`career${n}From`, year(`職歴${n}の開始年`)],
    [`career${n}To`, year(`職歴${n}の終了年`)],
  ]),
) as Record<`career${1 | 2 | 3}${'Employer' | 'Role'}`, ReturnType<typeof optionalText>> & Record<`career${1 | 2 | 3}${'From' | 'To'}`, ReturnType<typeof year>>;

export const IndividualProfileForm = formSchema(
  {
    residence: optionalText('お住まいの市区町村', 40),
    skills: optionalText('スキル・得意分野', 1000),
    ...careerShape,
    daysPerMonth: optionalInt('月の稼働日数', 1, 31, '日'),
    hoursPerMonth: optionalInt('月の稼働時間', 1, 744, '時間'),
    onsiteFrequency: z.preprocess((v) => (str(v) === '' ? null : v), z.enum(ONSITE_FREQUENCIES, { errorMap: () => ({ message: '現地に行ける頻度を選び直してください。' }) }).nullable()),
    availableFrom: z.preprocess((v) => (str(v).trim() === '' ? null : str(v).trim()), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '開始できる日は日付で入力してください（例：2027-04-01）。').nullable()),
  },
  (v, report) => {
    for (let n = 1; n <= CAREER_ROWS; n += 1) {
      const row = v as Record<string, string | number | null | undefined>;
      const employer = row[`career${n}Employer`];
      const role = row[`career${n}Role`];
      const from = row[`career${n}From`];
      const to = row[`career${n}To`];
      const any = Boolean(employer || role || from || to);
      if (!any) continue;
      if (employer === '') report(`career${n}Employer` as never, `職歴${n}の勤務先を入力してください。`);
      if (from === null) report(`career${n}From` as never, `職歴${n}の開始年を入力してください。`);
      if (typeof from === 'number' && typeof to === 'number' && to < from) report(`career${n}To` as never, `職歴${n}の終了年は開始年と同じか後にしてください。`);
    }
  },
);

export const INDIVIDUAL_PROFILE_LABELS: Record<string, string> = {
  residence: 'お住まいの市区町村',
  skills: 'スキル・得意分野',
  ...Object.fromEntries(
    Array.from({ length: CAREER_ROWS }, (_, i) => i + 1).flatMap((n) => [
      [`career${n}Employer`, `職歴${n}：勤務先`],
      [`career${n}Role`, `職歴${n}：役職・仕事`],
      [`career${n}From`, `職歴${n}：開始年`],
      [`career${n}To`, `職歴${n}：終了年`],
    ]),
  ),
  daysPerMonth: '月の稼働日数',
  hoursPerMonth: '月の稼働時間',
  onsiteFrequency: '現地に行ける頻度',
  availableFrom: '開始できる日',
};
