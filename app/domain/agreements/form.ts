import type { AgreementKind } from './draft';

/*
 * The agreement form as data: one entry per draft field, named by its dotted path in the draft JSON.
 * The same list turns posted form values into a draft, a stored draft back into form values, the
 * draft's and the rule check's field paths into errors next to the right control, and two versions
 * into a field-by-field diff. Pure, so the page, the service and the tests share it.
 */

export type FieldInput = 'text' | 'textarea' | 'number' | 'date' | 'select' | 'lines' | 'yesno';

export interface FormFieldSpec {
  /** dotted path in the draft JSON, also the form control's name */
  name: string;
  label: string;
  input: FieldInput;
  section: FormSectionId;
  /** only for these kinds (all when absent) */
  kinds?: readonly AgreementKind[];
  optional?: boolean;
  hint?: string;
  unit?: string;
  options?: readonly { value: string; label: string }[];
}

export const FORM_SECTIONS = [
  { id: 'municipality', title: '甲（自治体）' },
  { id: 'partner', title: '乙（相手方）' },
  { id: 'person', title: '起業人' },
  { id: 'work', title: '目的・業務内容・勤務場所' },
  { id: 'term', title: '期間と勤務日数' },
  { id: 'handling', title: '旅費・住居・物品の取扱い' },
  { id: 'amounts', title: '金額と支払' },
  { id: 'other', title: '報告・成果・その他' },
] as const;
export type FormSectionId = (typeof FORM_SECTIONS)[number]['id'];

const INDIVIDUAL = ['side_job', 'senior'] as const;

export const PAYMENT_METHOD_OPTIONS = [
  { value: 'monthly', label: '毎月' },
  { value: 'quarterly', label: '四半期ごと' },
  { value: 'half_yearly', label: '半期ごと' },
  { value: 'yearly', label: '年度ごと（年1回）' },
] as const;

export const REPORTING_OPTIONS = [
  { value: 'monthly', label: '毎月' },
  { value: 'quarterly', label: '四半期ごと' },
] as const;

export const IP_OWNER_OPTIONS = [
  { value: 'municipality', label: '甲（自治体）に帰属' },
  { value: 'shared', label: '甲乙の共有' },
  { value: 'partner', label: '乙に帰属（甲は無償で利用可）' },
] as const;

export const AGREEMENT_FORM_FIELDS: readonly FormFieldSpec[] = [
  { name: 'municipality.lgCode', label: '自治体コード', input: 'text', section: 'municipality', hint: '6桁の全国地方公共団体コード' },
  { name: 'municipality.prefecture', label: '都道府県', input: 'text', section: 'municipality' },
  { name: 'municipality.name', label: '自治体名', input: 'text', section: 'municipality' },
  { name: 'municipality.address', label: '所在地', input: 'text', section: 'municipality', hint: '役所・役場の所在地' },
  { name: 'municipality.representative.title', label: '代表者の職名', input: 'text', section: 'municipality', hint: '例：海士町長' },
  { name: 'municipality.representative.name', label: '代表者の氏名', input: 'text', section: 'municipality' },
  { name: 'municipality.department', label: '担当課', input: 'text', section: 'municipality', hint: '報告を受ける課' },

  { name: 'company.name', label: '法人名', input: 'text', section: 'partner', kinds: ['dispatch'] },
  { name: 'company.address', label: '法人の所在地', input: 'text', section: 'partner', kinds: ['dispatch'] },
  { name: 'company.representative.title', label: '代表者の職名', input: 'text', section: 'partner', kinds: ['dispatch'], hint: '例：代表取締役' },
  { name: 'company.representative.name', label: '代表者の氏名', input: 'text', section: 'partner', kinds: ['dispatch'] },
  { name: 'company.hqLgCode', label: '本社所在地の自治体コード', input: 'text', section: 'partner', kinds: ['dispatch'], hint: '本社機能のある市区町村の6桁のコード（企業の区分A/Bを決めます）' },

  { name: 'person.name', label: '派遣される社員の氏名', input: 'text', section: 'person', kinds: ['dispatch'] },
  { name: 'person.position', label: '社内の所属・役職', input: 'text', section: 'person', kinds: ['dispatch'] },
  { name: 'person.name', label: '氏名', input: 'text', section: 'partner', kinds: INDIVIDUAL },
  { name: 'person.address', label: '住所', input: 'text', section: 'partner', kinds: INDIVIDUAL },
  { name: 'person.role', label: '役割（名称）', input: 'text', section: 'person', hint: '例：地域活性化起業人（観光DX推進アドバイザー）' },

  { name: 'employer.name', label: '勤務先の法人名', input: 'text', section: 'person', kinds: ['side_job'] },
  { name: 'employer.address', label: '勤務先の所在地', input: 'text', section: 'person', kinds: ['side_job'] },
  { name: 'employer.hqLgCode', label: '勤務先本社の自治体コード', input: 'text', section: 'person', kinds: ['side_job'] },
  {
    name: 'employer.approval.obtained',
    label: '勤務先の副業承認',
    input: 'yesno',
    section: 'person',
    kinds: ['side_job'],
    options: [
      { value: 'yes', label: '承認を得ている' },
      { value: 'no', label: 'まだ得ていない' },
    ],
  },
  { name: 'employer.approval.date', label: '副業承認日', input: 'date', section: 'person', kinds: ['side_job'], optional: true },
  { name: 'formerEmployer.name', label: '退職した法人の名称', input: 'text', section: 'person', kinds: ['senior'] },
  { name: 'formerEmployer.hqLgCode', label: '退職した法人の本社の自治体コード', input: 'text', section: 'person', kinds: ['senior'] },
  { name: 'formerEmployer.retiredOn', label: '退職日', input: 'date', section: 'person', kinds: ['senior'] },

  { name: 'purpose', label: '目的', input: 'textarea', section: 'work' },
  { name: 'duties', label: '業務内容', input: 'lines', section: 'work', hint: '1行に1項目（20項目まで）' },
  { name: 'placeOfWork', label: '勤務場所', input: 'text', section: 'work' },

  { name: 'term.start', label: '開始日', input: 'date', section: 'term' },
  { name: 'term.end', label: '終了日', input: 'date', section: 'term', hint: '最終日（この日を含む）。期間は6か月以上3年以内' },
  { name: 'workPattern.daysPerMonth', label: '月あたりの勤務日数', input: 'number', section: 'term', unit: '日' },
  { name: 'workPattern.hoursPerMonth', label: '月あたりの勤務時間', input: 'number', section: 'term', unit: '時間' },
  { name: 'workPattern.daysOnSitePerMonth', label: '月あたりの現地勤務日数', input: 'number', section: 'term', unit: '日', hint: '企業派遣型：勤務日数の半分以上。副業型・シニア型：1日以上' },

  { name: 'handling.travel', label: '旅費の取扱い', input: 'textarea', section: 'handling' },
  { name: 'handling.housing', label: '住居の取扱い', input: 'textarea', section: 'handling' },
  { name: 'handling.equipment', label: '物品・機器の取扱い', input: 'textarea', section: 'handling' },

  { name: 'amounts.contributionMonthly', label: '負担金（月額）', input: 'number', section: 'amounts', kinds: ['dispatch'], unit: '円', hint: '甲が乙に支払う額' },
  { name: 'amounts.rewardMonthly', label: '報償費（月額）', input: 'number', section: 'amounts', kinds: INDIVIDUAL, unit: '円' },
  { name: 'amounts.travelAnnualLimit', label: '旅費（年度上限）', input: 'number', section: 'amounts', kinds: INDIVIDUAL, unit: '円', hint: '実費を年度ごとにこの額まで支払います' },
  { name: 'amounts.payment.method', label: '支払の時期', input: 'select', section: 'amounts', options: PAYMENT_METHOD_OPTIONS },
  { name: 'amounts.payment.daysAfterInvoice', label: '請求を受けてから支払うまでの日数', input: 'number', section: 'amounts', unit: '日以内' },

  { name: 'reporting.frequency', label: '報告の頻度', input: 'select', section: 'other', options: REPORTING_OPTIONS },
  { name: 'results.ipOwner', label: '成果（知的財産）の帰属', input: 'select', section: 'other', options: IP_OWNER_OPTIONS },
  { name: 'specialProvisions', label: '特記事項', input: 'lines', section: 'other', optional: true, hint: '1行に1項目（10項目まで）' },
  { name: 'fiscalYear', label: 'ひな形の年度', input: 'number', section: 'other', optional: true, hint: '空欄なら開始日の年度（4月始まり、例：2026）' },
  { name: 'agreementDate', label: '文書の日付欄', input: 'date', section: 'other', optional: true, hint: '協定書・契約書の末尾の日付。空欄なら「令和　年　月　日」のまま出力します（署名時に手書き）' },
];

export function fieldsFor(kind: AgreementKind): FormFieldSpec[] {
  return AGREEMENT_FORM_FIELDS.filter((f) => !f.kinds || f.kinds.includes(kind));
}

export function fieldLabels(kind: AgreementKind): Record<string, string> {
  return Object.fromEntries(fieldsFor(kind).map((f) => [f.name, f.label]));
}

export type FormValues = Record<string, string>;

function getAt(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function setAt(obj: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let cur = obj;
  for (const key of keys.slice(0, -1)) {
    if (cur[key] === null || typeof cur[key] !== 'object') cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[keys.at(-1)!] = value;
}

/** Full-width digits and separators as people type them: ４８０，０００円 → 480000. */
function toNumber(raw: string): number | string | undefined {
  const plain = raw.normalize('NFKC').replace(/[,\s円]/g, '');
  if (plain === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : raw.trim();
}

/** Longest value a form control may carry (the draft schema's own limits are far lower; this keeps junk out of the versions). */
export const MAX_FIELD_LENGTH = 4000;

/** Control characters other than tab and line breaks never belong in an agreement (and NUL cannot be stored in jsonb). */
export function cleanText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

function toLines(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*・]|\d+[.)．）])\s*/, '').trim())
    .filter((l) => l !== '');
}

/**
 * Posted form values → a draft object for parseAgreementDraft. Blank optional fields are left out;
 * a blank or mistyped required field stays blank or as typed, so the draft schema names it.
 */
export function draftFromForm(kind: AgreementKind, version: number, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { kind, version };
  for (const f of fieldsFor(kind)) {
    const raw = cleanText(values[f.name] ?? '');
    let value: unknown;
    switch (f.input) {
      case 'number':
        value = toNumber(raw);
        break;
      case 'date':
      case 'select':
        value = raw.trim() === '' ? undefined : raw.trim();
        break;
      case 'yesno':
        value = raw === 'yes' ? true : raw === 'no' ? false : undefined;
        break;
      case 'lines':
        value = toLines(raw);
        if (f.optional && (value as string[]).length === 0) value = undefined;
        break;
      default:
        value = raw.trim();
        if (f.optional && value === '') value = undefined;
    }
    if (value !== undefined) setAt(out, f.name, value);
  }
  return out;
}

/** A stored draft → the strings the form shows. */
export function formFromDraft(kind: AgreementKind, draft: unknown): FormValues {
  const out: FormValues = {};
  for (const f of fieldsFor(kind)) {
    const v = getAt(draft, f.name);
    out[f.name] =
      v === undefined || v === null ? '' : Array.isArray(v) ? v.map(String).join('\n') : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
  }
  return out;
}

/** The form control a dotted draft path belongs to (duties.2 → duties), or null for problems with no control. */
export function fieldForPath(kind: AgreementKind, path: string): string | null {
  let best: string | null = null;
  for (const f of fieldsFor(kind)) {
    if ((path === f.name || path.startsWith(`${f.name}.`)) && (!best || f.name.length > best.length)) best = f.name;
  }
  return best;
}

/** Messages (draft issues or rule violations) grouped by form control; the rest stay general. */
export function groupByField(kind: AgreementKind, problems: readonly { field: string; message_ja: string }[]): { fields: Record<string, string[]>; general: string[] } {
  const fields: Record<string, string[]> = {};
  const general: string[] = [];
  for (const p of problems) {
    const name = fieldForPath(kind, p.field);
    if (!name) general.push(p.message_ja);
    else if (!fields[name]?.includes(p.message_ja)) (fields[name] ??= []).push(p.message_ja);
  }
  return { fields, general };
}

export type FieldChange = { name: string; label: string; section: FormSectionId; before: string; after: string };

/** What changed between two versions, field by field, in form order. */
export function diffDrafts(kind: AgreementKind, before: unknown, after: unknown): FieldChange[] {
  const a = before === null ? {} : formFromDraft(kind, before);
  const b = formFromDraft(kind, after);
  return fieldsFor(kind)
    .filter((f) => (a[f.name] ?? '') !== b[f.name])
    .map((f) => ({ name: f.name, label: f.label, section: f.section, before: displayValue(f, a[f.name] ?? ''), after: displayValue(f, b[f.name]) }));
}

/** A form value as a reader sees it: option labels instead of codes. */
export function displayValue(f: FormFieldSpec, value: string): string {
  if (value === '') return '';
  const option = f.options?.find((o) => o.value === value);
  if (option) return option.label;
  return f.unit && f.input === 'number' ? `${value}${f.unit}` : value;
}

/** JSON with object keys sorted, so equal drafts hash equal whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
