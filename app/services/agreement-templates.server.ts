import type { FieldErrors } from '../schemas/form';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database';
import { findLatestTemplateVersionNumber, findLatestTemplateVersions, findTemplateHistory, insertTemplateVersion, type TemplateVersionRecord } from '../../db/queries/agreement-templates';
import { renderHtml } from '../documents/html.server';
import type { SessionUser } from '../domain/accounts/types';
import { AGREEMENT_KIND_LABELS, AGREEMENT_KINDS, agreementTemplateSchema, buildAgreement, DEFAULT_TEMPLATES, type AgreementKind, type AgreementTemplate } from '../domain/agreements';
import { canonicalJson } from '../domain/agreements/form';
import { sampleDrafts } from '../domain/agreements/samples';
import { checkAgreementTemplate, DOCUMENT_TYPE_OF } from '../domain/agreements/template-check';
import { formControlFor, JSON_FIELD, templateFromSubmission, type TemplateFormValues } from '../domain/agreements/template-form';
import { placeholderCatalog } from '../domain/agreements/template-paths';
import { templateIdFor, templatesInEffect, templateVersionLabel, type TemplateVersion } from '../domain/agreements/template-versions';
import { diffAgreementTemplates, type TextDiff } from '../domain/agreements/text-diff';
import { fiscalYearLabel } from '../domain/rules/fiscal-year';
import { audit } from './audit.server';
import { formatNumber } from '../utils/dates';
import { ServiceError } from '../utils/errors';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export const NOTE_MAX = 500;
export const JSON_MAX = 300_000;
export const FISCAL_YEAR_RANGE = { min: 2019, max: 2100 } as const;

const fyText = (fy: number) => `${fiscalYearLabel(fy)}（${fy}年度）`;
const byOf = (r: Pick<TemplateVersionRecord, 'user_name' | 'user_email'>) => (r.user_name ? `${r.user_name}${r.user_email ? `（${r.user_email}）` : ''}` : '（削除されたアカウント）');

function toVersion(row: TemplateVersionRecord): TemplateVersion {
  return { template: agreementTemplateSchema.parse(row.body), version: row.version };
}

/** The templates drafts and new versions are built with: saved versions over the shipped ones. */
export async function loadTemplatesInEffect(db: Db | Trx): Promise<TemplateVersion[]> {
  return templatesInEffect(DEFAULT_TEMPLATES, (await findLatestTemplateVersions(db)).map(toVersion));
}

// ——— the list ———

export async function listTemplates(db: Db) {
  const latest = await findLatestTemplateVersions(db);
  return AGREEMENT_KINDS.map((kind) => {
    const years = new Set([...DEFAULT_TEMPLATES.filter((t) => t.kind === kind).map((t) => t.fiscalYear), ...latest.filter((r) => r.kind === kind).map((r) => r.fiscal_year)]);
    const rows = [...years]
      .sort((a, b) => a - b)
      .map((fy) => {
        const saved = latest.find((r) => r.kind === kind && r.fiscal_year === fy);
        return {
          fiscalYear: fy,
          fiscalYearLabel: fyText(fy),
          version: saved?.version ?? 0,
          versionLabel: templateVersionLabel(saved?.version ?? 0),
          note: saved?.note ?? null,
          by: saved ? byOf(saved) : null,
          at: saved ? new Date(saved.created_at).toISOString() : null,
        };
      });
    return { kind, kindLabel: AGREEMENT_KIND_LABELS[kind], documentType: DOCUMENT_TYPE_OF[kind], years: rows, newest: rows[rows.length - 1]?.fiscalYear ?? null };
  });
}

// ——— one kind and fiscal year ———

type VersionEntry = TemplateVersion & { note: string; by: string | null; at: string | null };

/** Every version of a kind and fiscal year, newest first, ending with the shipped one (版0) if there is one. */
async function versionsOf(db: Db | Trx, kind: AgreementKind, fiscalYear: number): Promise<VersionEntry[]> {
  const rows = await findTemplateHistory(db, kind, fiscalYear);
  const out: VersionEntry[] = rows.map((r) => ({ ...toVersion(r), note: r.note, by: byOf(r), at: new Date(r.created_at).toISOString() }));
  const shipped = DEFAULT_TEMPLATES.find((t) => t.kind === kind && t.fiscalYear === fiscalYear);
  if (shipped) out.push({ template: shipped, version: 0, note: 'システムに組み込まれた標準のひな形', by: null, at: null });
  return out;
}

export async function getTemplateEditor(db: Db, kind: AgreementKind, fiscalYear: number) {
  const versions = await versionsOf(db, kind, fiscalYear);
  if (versions.length === 0) throw new ServiceError(404, `${AGREEMENT_KIND_LABELS[kind]}の${fyText(fiscalYear)}のひな形はありません。既存の年度のページの「次年度版を作成」で作れます。`);
  const current = versions[0];
  const later = await findLatestTemplateVersionNumber(db, kind, fiscalYear + 1);
  const nextExists = later > 0 || DEFAULT_TEMPLATES.some((t) => t.kind === kind && t.fiscalYear === fiscalYear + 1);
  return {
    kind,
    kindLabel: AGREEMENT_KIND_LABELS[kind],
    documentType: DOCUMENT_TYPE_OF[kind],
    fiscalYear,
    fiscalYearLabel: fyText(fiscalYear),
    current: { version: current.version, label: templateVersionLabel(current.version), template: current.template },
    history: versions.map((v, i) => ({
      version: v.version,
      label: templateVersionLabel(v.version),
      note: v.note,
      by: v.by,
      at: v.at,
      diff: versions[i + 1] ? diffAgreementTemplates(versions[i + 1].template, v.template) : null,
      previousLabel: versions[i + 1] ? templateVersionLabel(versions[i + 1].version) : null,
    })),
    samples: sampleDrafts(kind, fiscalYear).map((s) => s.label),
    catalog: placeholderCatalog(kind),
    copy: {
      targetFiscalYear: nextExists ? '' : String(fiscalYear + 1),
      note: `${fyText(fiscalYear)}の${templateVersionLabel(current.version)}をもとに作成`,
    },
  };
}

export type TemplateEditorPage = Awaited<ReturnType<typeof getTemplateEditor>>;

// ——— preview and save ———

export type TemplateEditFailure = {
  ok: false;
  status: 400 | 409;
  formError?: string;
  /** problems next to their form control (or `json`, `note`) */
  errors: FieldErrors;
  /** the template the form fields were laid out from (the version the edit started from) */
  base: AgreementTemplate;
  baseVersion: number;
  stale?: { currentVersion: number; diff: TextDiff };
};

type Candidate = { ok: true; template: AgreementTemplate; base: AgreementTemplate; mode: 'form' | 'json' } | TemplateEditFailure;

const push = (errors: FieldErrors, field: string, message: string) => {
  if (!errors[field]?.includes(message)) (errors[field] ??= []).push(message);
};

/**
 * The template an edit started from (its version, or the one in effect when that version is not
 * there), to lay the refused form out again.
 */
export async function templateEditBase(db: Db, kind: AgreementKind, fiscalYear: number, baseVersion: number): Promise<{ base: AgreementTemplate; baseVersion: number }> {
  const versions = await versionsOf(db, kind, fiscalYear);
  if (versions.length === 0) throw new ServiceError(404, `${AGREEMENT_KIND_LABELS[kind]}の${fyText(fiscalYear)}のひな形はありません。`);
  const entry = versions.find((v) => v.version === baseVersion) ?? versions[0];
  return { base: entry.template, baseVersion: entry.version };
}

/** The template a post of the editor describes (its texts hold no NUL: the form was parsed), checked; failures carry the messages next to their fields. */
async function candidateFrom(db: Db, kind: AgreementKind, fiscalYear: number, baseVersion: number, values: TemplateFormValues): Promise<Candidate> {
  const versions = await versionsOf(db, kind, fiscalYear);
  if (versions.length === 0) throw new ServiceError(404, `${AGREEMENT_KIND_LABELS[kind]}の${fyText(fiscalYear)}のひな形はありません。`);
  const baseEntry = versions.find((v) => v.version === baseVersion);
  const base = (baseEntry ?? versions[0]).template;
  const errors: FieldErrors = {};
  const fail = (status: 400 | 409, formError?: string): TemplateEditFailure => ({ ok: false, status, formError, errors, base, baseVersion: baseEntry ? baseVersion : versions[0].version });
  if (!baseEntry) return fail(409, `元にした版${baseVersion}がありません。ページを開き直してください。`);
  if ((values[JSON_FIELD] ?? '').length > JSON_MAX) {
    push(errors, JSON_FIELD, `JSONは${formatNumber(JSON_MAX)}文字以内にしてください`);
    return fail(400);
  }
  const submission = templateFromSubmission(base, values);
  if (!submission.ok) {
    push(errors, submission.field, submission.message_ja);
    return fail(400);
  }
  const input = submission.input !== null && typeof submission.input === 'object' && !Array.isArray(submission.input) ? { ...submission.input, id: templateIdFor(kind, fiscalYear, baseVersion + 1) } : submission.input;
  const check = checkAgreementTemplate(input, { kind, fiscalYear });
  if (!check.ok) {
    for (const p of check.problems) push(errors, (submission.mode === 'form' && formControlFor(base, p.field)) || JSON_FIELD, p.message_ja);
    return fail(400, `ひな形に${check.problems.length}件の問題があります。各欄の指摘を直してください（入力内容はそのまま残しています）。`);
  }
  return { ok: true, template: check.template, base, mode: submission.mode };
}

/** The edited template rendered with a sample draft as the print HTML, without saving anything. */
export async function previewTemplate(db: Db, kind: AgreementKind, fiscalYear: number, input: { baseVersion: number; values: TemplateFormValues; sample: number }) {
  const candidate = await candidateFrom(db, kind, fiscalYear, input.baseVersion, input.values);
  if (!candidate.ok) return candidate;
  const samples = sampleDrafts(kind, fiscalYear);
  const sample = samples[input.sample] ?? samples[0];
  return { ok: true as const, html: renderHtml(buildAgreement(sample.draft, [candidate.template])), sample: sample.label, base: candidate.base };
}

const withoutId = ({ id: _id, ...rest }: AgreementTemplate) => rest;

/** What is wrong with a 変更理由, if anything. */
const noteProblem = (note: string) => (note === '' ? '変更理由を入力してください' : note.length > NOTE_MAX ? `変更理由は${NOTE_MAX}文字以内にしてください` : null);

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** Saves the edit as the next version, if the edit started from the version still in effect. */
export async function saveTemplateVersion(
  db: Db,
  actor: SessionUser,
  kind: AgreementKind,
  fiscalYear: number,
  input: { baseVersion: number; values: TemplateFormValues },
  opts: { ip: string },
): Promise<{ ok: true; version: number } | TemplateEditFailure> {
  const note = (input.values.note ?? '').trim();
  const candidate = await candidateFrom(db, kind, fiscalYear, input.baseVersion, input.values);
  const noteError = noteProblem(note);
  if (!candidate.ok) {
    if (noteError) push(candidate.errors, 'note', noteError);
    return candidate;
  }
  const failure = (status: 400 | 409, formError: string, errors: FieldErrors = {}, stale?: TemplateEditFailure['stale']): TemplateEditFailure => ({
    ok: false,
    status,
    formError,
    errors,
    base: candidate.base,
    baseVersion: input.baseVersion,
    stale,
  });
  if (noteError) return failure(400, '変更理由を入力してください（入力内容はそのまま残しています）。', { note: [noteError] });
  if (canonicalJson(withoutId(candidate.template)) === canonicalJson(withoutId(candidate.base))) {
    return failure(400, `版${input.baseVersion}から変更がないため、保存しませんでした。`);
  }
  const staleFailure = async (current: number) => {
    const latest = (await versionsOf(db, kind, fiscalYear))[0];
    return failure(
      409,
      `保存できませんでした。編集を始めた後に、ほかの人が${templateVersionLabel(current)}を保存しています（あなたの編集は${templateVersionLabel(input.baseVersion)}が元です）。入力内容はそのまま残しています。下の変更点を確認し、最新の版を開き直してから編集してください。`,
      {},
      { currentVersion: current, diff: diffAgreementTemplates(candidate.base, latest.template) },
    );
  };
  try {
    const saved = await db.transaction().execute(async (trx) => {
      const latest = await findLatestTemplateVersionNumber(trx, kind, fiscalYear);
      if (latest !== input.baseVersion) return { stale: latest, version: null };
      const version = latest + 1;
      const body = { ...candidate.template, id: templateIdFor(kind, fiscalYear, version) };
      await insertTemplateVersion(trx, { kind, fiscal_year: fiscalYear, version, body, note, created_by_user_id: actor.id });
      await audit(trx, {
        actor,
        action: 'agreement_template.save',
        targetType: 'agreement_template',
        targetId: `${kind}/${fiscalYear}`,
        ip: opts.ip,
        details: { version, basedOn: input.baseVersion, note, editedAs: candidate.mode, articles: body.articles.length },
      });
      return { stale: null, version };
    });
    if (saved.version === null) return staleFailure(saved.stale);
    return { ok: true, version: saved.version };
  } catch (error) {
    if (isUniqueViolation(error)) return staleFailure(await findLatestTemplateVersionNumber(db, kind, fiscalYear));
    throw error;
  }
}

// ——— next fiscal year ———

export type CopyResult = { ok: true; fiscalYear: number } | { ok: false; status: 400 | 409; errors: FieldErrors; formError: string };

/** Copies the template in effect for a fiscal year to another year that has none, as that year's 版1. */
export async function copyTemplateToYear(
  db: Db,
  actor: SessionUser,
  kind: AgreementKind,
  fromFiscalYear: number,
  input: { target: string; note: string },
  opts: { ip: string },
): Promise<CopyResult> {
  const errors: FieldErrors = {};
  const note = input.note.trim();
  const target = /^\d{4}$/.test(input.target.trim()) ? Number(input.target.trim()) : NaN;
  if (Number.isNaN(target) || target < FISCAL_YEAR_RANGE.min || target > FISCAL_YEAR_RANGE.max) {
    push(errors, 'targetFiscalYear', `作成する年度を${FISCAL_YEAR_RANGE.min}〜${FISCAL_YEAR_RANGE.max}の西暦4桁で入力してください（例：2027 は令和9年度）`);
  } else if (target === fromFiscalYear) push(errors, 'targetFiscalYear', 'この年度とは別の年度を入力してください');
  const copyNoteError = noteProblem(note);
  if (copyNoteError) push(errors, 'copyNote', copyNoteError);
  const versions = await versionsOf(db, kind, fromFiscalYear);
  if (versions.length === 0) throw new ServiceError(404, `${AGREEMENT_KIND_LABELS[kind]}の${fyText(fromFiscalYear)}のひな形はありません。`);
  if (Object.keys(errors).length) return { ok: false, status: 400, errors, formError: '次年度版を作成できませんでした。入力内容を確認してください。' };

  const exists = (latest: number) => latest > 0 || DEFAULT_TEMPLATES.some((t) => t.kind === kind && t.fiscalYear === target);
  const taken = (): CopyResult => ({
    ok: false,
    status: 409,
    errors: { targetFiscalYear: [`${fyText(target)}のひな形はすでにあります。その年度のページで編集してください`] },
    formError: '次年度版を作成できませんでした。',
  });
  if (exists(await findLatestTemplateVersionNumber(db, kind, target))) return taken();
  const source = versions[0];
  const template = { ...source.template, fiscalYear: target, id: templateIdFor(kind, target, 1) };
  const check = checkAgreementTemplate(template, { kind, fiscalYear: target });
  if (!check.ok) return { ok: false, status: 409, errors: { targetFiscalYear: check.problems.map((p) => p.message_ja) }, formError: '次年度版を作成できませんでした。' };
  try {
    const done = await db.transaction().execute(async (trx) => {
      if (exists(await findLatestTemplateVersionNumber(trx, kind, target))) return false;
      await insertTemplateVersion(trx, { kind, fiscal_year: target, version: 1, body: check.template, note, created_by_user_id: actor.id });
      await audit(trx, {
        actor,
        action: 'agreement_template.copy',
        targetType: 'agreement_template',
        targetId: `${kind}/${target}`,
        ip: opts.ip,
        details: { version: 1, from: `${kind}/${fromFiscalYear}`, fromVersion: source.version, note },
      });
      return true;
    });
    return done ? { ok: true, fiscalYear: target } : taken();
  } catch (error) {
    if (isUniqueViolation(error)) return taken();
    throw error;
  }
}
