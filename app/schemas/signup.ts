import { z } from 'zod';
import { corporateNumberField, emailField, newPassword, optionalText, phoneField, text, websiteField } from './fields';
import { passwordProblems } from '../domain/accounts/password';
import { INDIVIDUAL_TRACKS } from '../domain/accounts/types';
import { formSchema, type FormCheck, type FormValuesOf } from './form';

/*
 * The three sign-up forms (/signup/municipality|company|individual). Each field is parsed on its own
 * and the checks across fields (the password against the e-mail address, the employer an employee
 * or a retiree must name) run on whatever parsed, so one answer lists every problem; the route adds
 * the checks that read the database (the municipality or head office typed, already registered).
 * The shapes are in the order of the page, which is the order of the error summary.
 */

const account = {
  name: text('氏名', 60),
  email: emailField,
  password: newPassword,
  agree: z.preprocess((v) => v === 'on', z.literal(true, { errorMap: () => ({ message: '利用規約とプライバシーポリシーをご確認のうえ、同意してください。' }) })),
};

const passwordRules: FormCheck<{ password: string; email: string; name: string }> = (v, report) => {
  if (v.password === undefined) return;
  for (const message of passwordProblems(v.password, { email: v.email, name: v.name })) report('password', message);
};

const municipalityShape = {
  municipality: text('自治体名', 40),
  department: text('担当部署', 80),
  phone: phoneField,
  evidence: text('確認資料', 2000),
  ...account,
};

const companyShape = {
  companyName: text('法人名', 100),
  corporateNumber: corporateNumberField,
  headOffice: text('本社所在地の市区町村', 40),
  department: text('担当部署', 80),
  website: websiteField,
  phone: phoneField,
  evidence: text('確認資料', 2000),
  ...account,
};

const individualShape = {
  track: z.enum(INDIVIDUAL_TRACKS, { errorMap: () => ({ message: '働き方を選んでください。' }) }),
  employerName: optionalText('勤務先', 100),
  employerHeadOffice: optionalText('勤務先の本社所在地', 40),
  description: optionalText('自己紹介', 2000),
  ...account,
};

export const MunicipalitySignupForm = formSchema(municipalityShape, passwordRules);
export const CompanySignupForm = formSchema(companyShape, passwordRules);
export const IndividualSignupForm = formSchema(individualShape, passwordRules, (v, report) => {
  if (!v.track || v.track === 'freelance') return;
  const which = v.track === 'side_job' ? '現在の勤務先' : '退職した勤務先';
  if (v.employerName === '') report('employerName', `${which}を入力してください。`);
  if (v.employerHeadOffice === '') report('employerHeadOffice', `${which}の本社所在地（市区町村）を入力してください。`);
});

export type MunicipalitySignupValues = FormValuesOf<typeof municipalityShape>;
export type CompanySignupValues = FormValuesOf<typeof companyShape>;
export type IndividualSignupValues = FormValuesOf<typeof individualShape>;

export const SIGNUP_KINDS = ['municipality', 'company', 'individual'] as const;
export type SignupKind = (typeof SIGNUP_KINDS)[number];

export const signupFormOf = (kind: SignupKind) => ({ municipality: MunicipalitySignupForm, company: CompanySignupForm, individual: IndividualSignupForm })[kind];

/** The labels of each form in the order of its fields, for the error summary. */
export const SIGNUP_LABELS: Record<SignupKind, Record<string, string>> = {
  municipality: { municipality: '自治体名', department: '担当部署', phone: '電話番号', evidence: '確認資料', name: '担当者の氏名', email: 'メールアドレス', password: 'パスワード', agree: '利用規約とプライバシーポリシーへの同意' },
  company: {
    companyName: '法人名', corporateNumber: '法人番号', headOffice: '本社所在地の市区町村', department: '担当部署', website: 'ウェブサイト', phone: '電話番号', evidence: '確認資料',
    name: '担当者の氏名', email: 'メールアドレス', password: 'パスワード', agree: '利用規約とプライバシーポリシーへの同意',
  },
  individual: {
    track: '働き方', employerName: '勤務先', employerHeadOffice: '勤務先の本社所在地', description: '自己紹介', name: '氏名', email: 'メールアドレス', password: 'パスワード',
    agree: '利用規約とプライバシーポリシーへの同意',
  },
};
