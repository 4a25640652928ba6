import { createHash } from 'node:crypto';
import { organisationAndPerson } from '../domain/accounts/names';
import type { Kysely, Transaction } from 'kysely';
import {
  clearApprovalsBefore,
  deleteApproval,
  findApprovals,
  findDraftByApplication,
  findListingForAgreement,
  findMunicipalityNames,
  findOrganisationForAgreement,
  findVersion,
  findVersionList,
  insertApproval,
  insertDraft,
  insertVersion,
  lockDraftByApplication,
  markConcluded,
  type AgreementDraftRecord,
} from '../../db/queries/agreements';
import { findApplicationById, lockApplication, type ApplicationRecord } from '../../db/queries/applications';
import type { Database } from '../../db/database';
import { renderAgreement, type ExportFormat, type RenderedAgreement } from '../documents/render.server';
import { contentSha256 } from '../documents/stamp.server';
import type { SessionUser } from '../domain/accounts/types';
import {
  AGREEMENT_KIND_LABELS,
  AgreementTemplateError,
  agreementTemplateSchema,
  buildAgreement,
  checkAgreement,
  DEFAULT_TEMPLATES,
  draftFiscalYear,
  parseAgreementDraft,
  selectTemplate,
  type AgreementCheck,
  type AgreementDocument,
  type AgreementDraft,
  type AgreementKind,
  type AgreementTemplate,
  type DraftIssue,
} from '../domain/agreements';
import { canonicalJson, diffDrafts, draftFromForm, formFromDraft, groupByField, type FieldChange, type FormValues } from '../domain/agreements/form';
import { approvalWithdrawalProblem, concludedBeforeApprovalProblem, dateLineWarning } from '../domain/agreements/approvals';
import { prefillDraft, type PrefillFacts } from '../domain/agreements/prefill';
import { selectTemplateVersion, templateVersionLabel, type TemplateVersion } from '../domain/agreements/template-versions';
import { diffAgreementDocuments } from '../domain/agreements/text-diff';
import type { ApplicationState } from '../domain/applications';
import { termOf } from '../domain/eligibility';
import { isoDateInJapan, japanToday } from '../utils/dates';
import { fiscalYearLabel } from '../domain/rules/fiscal-year';
import { can, type Resource } from '../domain/policy';
import type { ChatHub } from '../chat/events';
import { loadTemplatesInEffect } from './agreement-templates.server';
import { changeApplicationState } from './applications.server';
import { audit } from './audit.server';
import { ServiceError } from '../utils/errors';
import type { FieldErrors } from '../schemas/form';
import { listMunicipalities } from './eligibility.server';
import { notifyOrganisation } from './notifications.server';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export type AgreementWriteOptions = { ip: string; publicUrl: string; hub?: ChatHub; now?: Date };

const DOCUMENT_TYPE: Record<AgreementKind, '協定書' | '契約書'> = { dispatch: '協定書', side_job: '契約書', senior: '契約書' };
const PARTNER_KIND: Record<AgreementKind, 'company' | 'individual'> = { dispatch: 'company', side_job: 'individual', senior: 'individual' };

// ——— access ———

export type AgreementAccess = { app: ApplicationRecord; draft: AgreementDraftRecord | undefined; resource: Resource };

/** The application, its draft (if opened) and the policy resource; 404 when the application does not exist. */
export async function agreementAccess(db: Db | Trx, applicationId: number): Promise<AgreementAccess> {
  const app = Number.isSafeInteger(applicationId) ? await findApplicationById(db, applicationId) : undefined;
  if (!app) throw new ServiceError(404, '応募が見つかりません。');
  const draft = await findDraftByApplication(db, applicationId);
  return { app, draft, resource: resourceOf(app, draft) };
}

function resourceOf(app: ApplicationRecord, draft: AgreementDraftRecord | undefined): Resource {
  return { type: 'agreement', partyOrganisationIds: [app.applicant_organisation_id, app.owner_organisation_id], locked: draft?.concluded_version != null };
}

/**
 * The decision on an access resolved once by the route (agreementAccess): throws 403, or 409 when the
 * reader may see the agreement but it is locked (concluded). No query: the caller passes the access down.
 */
function authorise(
  user: SessionUser,
  access: AgreementAccess,
  action: 'agreement.create' | 'agreement.view' | 'agreement.edit',
  lockedMessage = '締結済みの協定書・契約書は変更できません。',
): AgreementAccess {
  if (!can(user, action, access.resource)) {
    if (action === 'agreement.edit' && can(user, 'agreement.view', access.resource)) throw new ServiceError(409, lockedMessage);
    throw new ServiceError(403, 'この協定書・契約書を扱う権限がありません。');
  }
  return access;
}

/** 甲 is the municipality; 乙 the company or the individual. */
function partiesOf(app: ApplicationRecord) {
  const ownerIsMunicipality = app.owner_kind === 'municipality';
  const municipality = ownerIsMunicipality
    ? { organisationId: app.owner_organisation_id, name: app.owner_name, kind: app.owner_kind }
    : { organisationId: app.applicant_organisation_id, name: app.applicant_name, kind: app.applicant_kind };
  const partner = ownerIsMunicipality
    ? { organisationId: app.applicant_organisation_id, name: app.applicant_name, kind: app.applicant_kind }
    : { organisationId: app.owner_organisation_id, name: app.owner_name, kind: app.owner_kind };
  return { municipality, partner };
}

/** Why no draft can be opened, or null when it can. */
function openBlocker(app: ApplicationRecord): string | null {
  const kind = app.program_type as AgreementKind;
  const { municipality, partner } = partiesOf(app);
  if (municipality.kind !== 'municipality') return '協定書・契約書は自治体と企業・個人の間で作成します。';
  if (partner.kind !== PARTNER_KIND[kind]) {
    return `${AGREEMENT_KIND_LABELS[kind]}の${DOCUMENT_TYPE[kind]}は、自治体と${kind === 'dispatch' ? '企業' : '個人'}の間で作成します。`;
  }
  if (app.state !== 'agreed' && app.state !== 'preparing') return `${DOCUMENT_TYPE[kind]}の作成は、応募が「合意」になってから始められます。`;
  return null;
}

// ——— evaluating a draft ———

export type DraftEvaluation = {
  draft: AgreementDraft | null;
  issues: DraftIssue[];
  check: AgreementCheck | null;
  document: AgreementDocument | null;
  documentSha256: string | null;
};

/**
 * Schema, rule check and the built document of a stored or posted draft (whatever of them it reaches),
 * with the given clause templates: a saved version's pinned one (pinnedTemplates), or those in effect.
 */
export async function evaluateDraft(db: Db, value: unknown, templates: readonly AgreementTemplate[]): Promise<DraftEvaluation> {
  const parsed = parseAgreementDraft(value);
  if (!parsed.ok) return { draft: null, issues: parsed.issues, check: null, document: null, documentSha256: null };
  const check = checkAgreement(parsed.draft, { municipalities: await listMunicipalities(db) });
  try {
    const document = buildAgreement(parsed.draft, templates);
    return { draft: parsed.draft, issues: [], check, document, documentSha256: contentSha256(document) };
  } catch (error) {
    if (!(error instanceof AgreementTemplateError)) throw error;
    return { draft: null, issues: [{ field: '(draft)', message_ja: error.message }], check, document: null, documentSha256: null };
  }
}

type PinnedRow = { template: Record<string, unknown> | null; template_version: number | null };

/**
 * The clause template a saved version renders with, whatever was edited since: the copy pinned when it
 * was saved, or, for versions saved before templates were editable, the shipped ones.
 */
export function pinnedTemplates(row: PinnedRow): readonly AgreementTemplate[] {
  return row.template ? [agreementTemplateSchema.parse(row.template)] : DEFAULT_TEMPLATES;
}

/** Whether a saved version was built with exactly this template version (so rebuilding it would give the same text). */
function samePinnedTemplate(row: PinnedRow, inEffect: TemplateVersion): boolean {
  return row.template !== null && row.template_version === inEffect.version && canonicalJson(pinnedTemplates(row)[0]) === canonicalJson(inEffect.template);
}

/** 令和8年度（2026年度）版2, for the version pages: which template a version was built with. */
function templateUsed(row: PinnedRow, draft: AgreementDraft | null) {
  if (!draft) return null;
  const selected = selectTemplate(pinnedTemplates(row), draft.kind, draftFiscalYear(draft));
  if (!selected) return null;
  const fy = selected.template.fiscalYear;
  return {
    label: `${fiscalYearLabel(fy)}（${fy}年度）${templateVersionLabel(row.template_version ?? 0)}`,
    provisional: selected.provisional,
  };
}

/** SHA-256 of the draft's content (without its version number, so an unchanged save is recognised). */
export function draftSha256(draft: Record<string, unknown>): string {
  const { version: _version, ...content } = draft;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

// ——— opening ———

async function prefillFacts(db: Db | Trx, app: ApplicationRecord, today: string): Promise<PrefillFacts> {
  const kind = app.program_type as AgreementKind;
  const { municipality, partner } = partiesOf(app);
  const [mOrg, pOrg, listing] = await Promise.all([
    findOrganisationForAgreement(db, municipality.organisationId),
    findOrganisationForAgreement(db, partner.organisationId),
    findListingForAgreement(db, app.listing_id),
  ]);
  const codes = [mOrg?.lg_code, pOrg?.head_office_lg_code].filter((c): c is string => Boolean(c));
  const names = new Map((await findMunicipalityNames(db, codes)).map((m) => [m.lg_code, m]));
  const m = mOrg?.lg_code ? names.get(mOrg.lg_code) : undefined;
  const hq = pOrg?.head_office_lg_code ? names.get(pOrg.head_office_lg_code) : undefined;
  return {
    kind,
    municipality: m ? { lgCode: m.lg_code, prefecture: m.pref_name, name: m.name, department: mOrg?.department ?? null } : null,
    partner: {
      name: pOrg?.name ?? partner.name,
      hqLgCode: pOrg?.head_office_lg_code ?? null,
      hqPlace: hq ? `${hq.pref_name}${hq.name}` : null,
      employerName: pOrg?.employer_name?.replace(/（[^）]*退職[^）]*）$/, '') ?? null,
    },
    listing: {
      title: listing?.title ?? app.listing_title,
      duties: listing?.duties ?? '',
      startFrom: listing?.start_from ?? null,
      termMinMonths: listing?.term_min_months ?? 12,
      daysOnSite: listing?.days_on_site ?? null,
      budgetMaxYen: listing?.kind === 'opening' ? (listing.budget_max_yen ?? null) : null,
    },
    today,
  };
}

/**
 * Opens the agreement draft of an application in 合意, pre-filled from the organisations and the
 * listing, and moves the application to 協定/契約準備 in the same transaction. Opening twice is harmless.
 */
export async function openAgreementDraft(db: Db, actor: SessionUser, given: AgreementAccess, opts: AgreementWriteOptions): Promise<{ created: boolean }> {
  const access = authorise(actor, given, 'agreement.create');
  const applicationId = given.app.id;
  if (access.draft) return { created: false };
  const blocker = openBlocker(access.app);
  if (blocker) throw new ServiceError(409, blocker);
  const [municipalities, templates] = await Promise.all([listMunicipalities(db), loadTemplatesInEffect(db)]);
  return db.transaction().execute(async (trx) => {
    const row = await lockApplication(trx, applicationId);
    if (!row) throw new ServiceError(404, '応募が見つかりません。');
    if (await findDraftByApplication(trx, applicationId)) return { created: false };
    const state = row.state as ApplicationState;
    if (state !== 'agreed' && state !== 'preparing') throw new ServiceError(409, openBlocker({ ...access.app, state })!);
    const kind = access.app.program_type as AgreementKind;
    const draft = prefillDraft(await prefillFacts(trx, access.app, japanToday(opts.now)));
    const draftId = await insertDraft(trx, { application_id: applicationId, kind, created_by_user_id: actor.id });
    const evaluation = evaluateWith(draft, municipalities, templates);
    await insertVersion(trx, versionRow(draftId, 1, draft, evaluation, actor));
    await audit(trx, { actor, action: 'agreement.open', targetType: 'application', targetId: applicationId, ip: opts.ip, details: { kind, version: 1 } });
    if (state === 'agreed') {
      const moved = await changeApplicationState(trx, actor, applicationId, 'preparing', opts);
      if (!moved.ok) throw new ServiceError(moved.status === 400 ? 409 : moved.status, moved.message);
    }
    return { created: true };
  });
}

/**
 * evaluateDraft for writes: the master and the templates in effect are read before the transaction
 * starts. Returns the template the version is built with, to be pinned to it.
 */
function evaluateWith(value: unknown, municipalities: Awaited<ReturnType<typeof listMunicipalities>>, templates: readonly TemplateVersion[]) {
  const parsed = parseAgreementDraft(value);
  if (!parsed.ok) return { valid: false, checkOk: false, documentSha256: null, template: null, templateVersion: null };
  const check = checkAgreement(parsed.draft, { municipalities });
  const selected = selectTemplateVersion(templates, parsed.draft.kind, draftFiscalYear(parsed.draft));
  const pin = { template: selected?.template ?? null, templateVersion: selected?.version ?? null };
  try {
    return { valid: true, checkOk: check.ok, documentSha256: contentSha256(buildAgreement(parsed.draft, selected ? [selected.template] : [])), ...pin };
  } catch (error) {
    if (error instanceof AgreementTemplateError) return { valid: false, checkOk: false, documentSha256: null, ...pin };
    throw error;
  }
}

function versionRow(draftId: number, version: number, draft: Record<string, unknown>, e: ReturnType<typeof evaluateWith>, actor: SessionUser) {
  return {
    draft_id: draftId,
    version,
    draft,
    valid: e.valid,
    check_ok: e.checkOk,
    draft_sha256: draftSha256(draft),
    document_sha256: e.documentSha256,
    template: e.template ? JSON.stringify(e.template) : null,
    template_version: e.templateVersion,
    created_by_user_id: actor.id,
    created_by_organisation_id: actor.organisationId,
  };
}

// ——— saving ———

export type SaveResult =
  | { ok: true; version: number; unchanged: boolean; clearedApprovals: number }
  | { ok: false; code: 'stale'; currentVersion: number; message: string };

/**
 * Saves the form as a new version. The form names the version it was based on; if someone saved in
 * between, nothing is written and the caller shows the user's input again with what changed.
 */
export async function saveAgreementVersion(
  db: Db,
  actor: SessionUser,
  given: AgreementAccess,
  input: { baseVersion: number; values: FormValues },
  opts: AgreementWriteOptions,
): Promise<SaveResult> {
  const access = authorise(actor, given, 'agreement.edit');
  const applicationId = given.app.id;
  if (!access.draft) throw new ServiceError(409, '協定書・契約書の作成がまだ始まっていません。');
  const [municipalities, templates] = await Promise.all([listMunicipalities(db), loadTemplatesInEffect(db)]);
  const result = await db.transaction().execute(async (trx): Promise<SaveResult & { notify?: boolean }> => {
    const draft = await lockDraftByApplication(trx, applicationId);
    if (!draft) throw new ServiceError(404, '協定書・契約書が見つかりません。');
    if (draft.concluded_version != null) throw new ServiceError(409, '締結済みの協定書・契約書は変更できません。');
    if (draft.current_version !== input.baseVersion) {
      return {
        ok: false,
        code: 'stale',
        currentVersion: draft.current_version,
        message: `保存できませんでした。あなたが編集を始めた後に、版${draft.current_version}が保存されています（あなたの編集は版${input.baseVersion}が元です）。入力内容はそのまま残しています。下の変更点を確認し、必要なら入力を直してからもう一度保存してください。`,
      };
    }
    const version = draft.current_version + 1;
    const next = draftFromForm(draft.kind, version, input.values);
    const current = await findVersion(trx, draft.id, draft.current_version);
    const evaluation = evaluateWith(next, municipalities, templates);
    // Same data and same text: no new version. Same data under an edited template is a new text, so a new version.
    if (current && current.draft_sha256.trim() === draftSha256(next) && (current.document_sha256?.trim() ?? null) === evaluation.documentSha256) {
      return { ok: true, version: draft.current_version, unchanged: true, clearedApprovals: 0 };
    }
    await insertVersion(trx, versionRow(draft.id, version, next, evaluation, actor));
    const cleared = await clearApprovalsBefore(trx, draft.id, version);
    await audit(trx, {
      actor,
      action: 'agreement.save',
      targetType: 'application',
      targetId: applicationId,
      ip: opts.ip,
      details: { version, valid: evaluation.valid, checkOk: evaluation.checkOk, clearedApprovals: cleared },
    });
    if (cleared > 0) {
      await notifyOther(trx, access.app, actor, opts, {
        title: `「${access.app.listing_title}」の${DOCUMENT_TYPE[draft.kind]}が変更されました（版${version}）`,
        body: `${actor.organisation.name} が新しい版を保存したため、これまでの合意は取り消されました。内容を確認し、改めて合意してください。`,
      });
    }
    return { ok: true, version, unchanged: false, clearedApprovals: cleared };
  });
  return result;
}

async function notifyOther(trx: Trx, app: ApplicationRecord, actor: SessionUser, opts: AgreementWriteOptions, n: { title: string; body: string }) {
  const other = app.applicant_organisation_id === actor.organisationId ? app.owner_organisation_id : app.applicant_organisation_id;
  await notifyOrganisation(trx, { organisationId: other, kind: 'state_change', applicationId: app.id, title: n.title, body: n.body, url: `/applications/${app.id}/agreement`, publicUrl: opts.publicUrl });
}

// ——— agreeing and concluding ———

/** Marks the latest version as agreed by the actor's organisation (合意する). */
export async function approveAgreementVersion(db: Db, actor: SessionUser, given: AgreementAccess, version: number, opts: AgreementWriteOptions): Promise<{ bothAgreed: boolean }> {
  const access = authorise(actor, given, 'agreement.edit');
  const applicationId = given.app.id;
  return db.transaction().execute(async (trx) => {
    const draft = await lockDraftByApplication(trx, applicationId);
    if (!draft) throw new ServiceError(409, '協定書・契約書の作成がまだ始まっていません。');
    if (draft.concluded_version != null) throw new ServiceError(409, '締結済みの協定書・契約書です。');
    if (version !== draft.current_version) throw new ServiceError(409, `版${version}は最新ではありません（最新は版${draft.current_version}）。最新の版を確認してから合意してください。`);
    const row = await findVersion(trx, draft.id, version);
    if (!row?.valid) throw new ServiceError(409, '未入力または誤りのある項目が残っている版には合意できません。');
    if (!row.check_ok) throw new ServiceError(409, '制度のルールに合わない項目が残っている版には合意できません。ルールチェックの指摘を直して保存してください。');
    await insertApproval(trx, { draft_id: draft.id, version, organisation_id: actor.organisationId, user_id: actor.id });
    await audit(trx, { actor, action: 'agreement.approve', targetType: 'application', targetId: applicationId, ip: opts.ip, details: { version } });
    const approvals = await findApprovals(trx, draft.id);
    const parties = [access.app.applicant_organisation_id, access.app.owner_organisation_id];
    const bothAgreed = parties.every((id) => approvals.some((a) => a.version === version && a.organisation_id === id));
    await notifyOther(trx, access.app, actor, opts, {
      title: `「${access.app.listing_title}」の${DOCUMENT_TYPE[draft.kind]}（版${version}）に${actor.organisation.name}が合意しました`,
      body: bothAgreed ? '双方が合意しました。署名・押印の後、締結日を記録してください。' : '内容を確認し、合意する場合は「この版に合意する」を押してください。',
    });
    return { bothAgreed };
  });
}

const WITHDRAW_LOCKED = approvalWithdrawalProblem({ concluded: true, currentVersion: 0, version: 0, agreedByMe: true })!;

/**
 * Takes back the actor's organisation's approval of the latest version (合意を取り消す) before the
 * conclusion. Under the same draft lock as approvals and the conclusion, so it cannot race with either.
 */
export async function withdrawAgreementApproval(db: Db, actor: SessionUser, given: AgreementAccess, version: number, opts: AgreementWriteOptions): Promise<void> {
  const access = authorise(actor, given, 'agreement.edit', WITHDRAW_LOCKED);
  const applicationId = given.app.id;
  await db.transaction().execute(async (trx) => {
    const draft = await lockDraftByApplication(trx, applicationId);
    if (!draft) throw new ServiceError(409, '協定書・契約書の作成がまだ始まっていません。');
    const approvals = await findApprovals(trx, draft.id);
    const problem = approvalWithdrawalProblem({
      concluded: draft.concluded_version != null,
      currentVersion: draft.current_version,
      version,
      agreedByMe: approvals.some((a) => a.version === draft.current_version && a.organisation_id === actor.organisationId),
    });
    if (problem) throw new ServiceError(409, problem);
    await deleteApproval(trx, { draft_id: draft.id, version, organisation_id: actor.organisationId });
    await audit(trx, { actor, action: 'agreement.approval_withdrawn', targetType: 'application', targetId: applicationId, ip: opts.ip, details: { version } });
    await notifyOther(trx, access.app, actor, opts, {
      title: `「${access.app.listing_title}」の${DOCUMENT_TYPE[draft.kind]}（版${version}）への${actor.organisation.name}の合意が取り消されました`,
      body: '締結を記録するには、双方が改めて最新の版に合意する必要があります。',
    });
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(v: string): boolean {
  if (!ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Problems with the conclusion date the user entered, in Japanese ([] = fine). */
export function concludedOnProblems(value: string, today: string): string[] {
  if (value.trim() === '') return ['締結日を入力してください。'];
  if (!isRealDate(value.trim())) return ['締結日はYYYY-MM-DD形式の実在する日付で入力してください。'];
  if (value.trim() > today) return ['締結日に未来の日付は入力できません。署名・押印が済んでから記録してください。'];
  return [];
}

/**
 * Records the conclusion (締結) once both parties agreed to the latest version: the date the user
 * entered, the facts monitoring may count, and the application's move to 締結済, in one transaction.
 */
export async function concludeAgreement(
  db: Db,
  actor: SessionUser,
  given: AgreementAccess,
  input: { version: number; concludedOn: string },
  opts: AgreementWriteOptions,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const access = authorise(actor, given, 'agreement.edit');
  const applicationId = given.app.id;
  const problems = concludedOnProblems(input.concludedOn, japanToday(opts.now));
  if (problems.length) return { ok: false, errors: { concludedOn: problems } };
  const concludedOn = input.concludedOn.trim();
  await db.transaction().execute(async (trx) => {
    const draft = await lockDraftByApplication(trx, applicationId);
    if (!draft) throw new ServiceError(409, '協定書・契約書の作成がまだ始まっていません。');
    if (draft.concluded_version != null) throw new ServiceError(409, 'すでに締結が記録されています。');
    if (input.version !== draft.current_version) throw new ServiceError(409, `版${input.version}は最新ではありません（最新は版${draft.current_version}）。`);
    const approvals = await findApprovals(trx, draft.id);
    const parties = [access.app.applicant_organisation_id, access.app.owner_organisation_id];
    if (!parties.every((id) => approvals.some((a) => a.version === draft.current_version && a.organisation_id === id))) {
      throw new ServiceError(409, '双方が最新の版に合意してから締結を記録できます。');
    }
    const approvalDays = approvals.filter((a) => a.version === draft.current_version && parties.includes(a.organisation_id)).map((a) => isoDateInJapan(a.approved_at));
    const early = concludedBeforeApprovalProblem(concludedOn, approvalDays);
    if (early) throw new ServiceError(400, early);
    const row = await findVersion(trx, draft.id, draft.current_version);
    const parsed = parseAgreementDraft(row?.draft);
    if (!parsed.ok) throw new ServiceError(409, '最新の版に未入力の項目があります。');
    const { term, municipality } = parsed.draft;
    await markConcluded(trx, draft.id, {
      version: draft.current_version,
      concludedOn,
      userId: actor.id,
      termStart: term.start,
      termEnd: term.end,
      termMonths: termOf(term.start, term.end)?.months ?? 0,
      lgCode: municipality.lgCode,
      prefCode: municipality.lgCode.slice(0, 2),
    });
    await audit(trx, { actor, action: 'agreement.conclude', targetType: 'application', targetId: applicationId, ip: opts.ip, details: { version: draft.current_version, concludedOn } });
    const moved = await changeApplicationState(trx, actor, applicationId, 'concluded', { ...opts, viaAgreement: true });
    if (!moved.ok) throw new ServiceError(moved.status === 400 ? 409 : moved.status, moved.message);
  });
  return { ok: true };
}

// ——— reading ———

type VersionSummary = Awaited<ReturnType<typeof findVersionList>>[number];

function versionSummary(v: VersionSummary) {
  return {
    version: v.version,
    valid: v.valid,
    checkOk: v.check_ok,
    documentSha256: v.document_sha256,
    createdAt: new Date(v.created_at).toISOString(),
    by: organisationAndPerson(v.organisation_name, v.user_name),
  };
}

/** Everything the agreement page shows, for one of the two parties. */
export async function getAgreementPage(db: Db, user: SessionUser, given: AgreementAccess) {
  const access = authorise(user, given, 'agreement.view');
  const { app, draft } = access;
  const kind = app.program_type as AgreementKind;
  const { municipality, partner } = partiesOf(app);
  const base = {
    application: { id: app.id, listingTitle: app.listing_title, state: app.state as ApplicationState, programType: kind },
    kind,
    kindLabel: AGREEMENT_KIND_LABELS[kind],
    documentType: DOCUMENT_TYPE[kind],
    me: user.organisationId,
    parties: [
      { role: '甲', organisationId: municipality.organisationId, name: municipality.name },
      { role: '乙', organisationId: partner.organisationId, name: partner.name },
    ],
  };
  if (!draft) {
    const blocker = openBlocker(app);
    return { ...base, draft: null, canOpen: blocker === null && can(user, 'agreement.create', access.resource), openBlocker: blocker };
  }
  const [latestRow, versions, approvals] = await Promise.all([findVersion(db, draft.id, draft.current_version), findVersionList(db, draft.id), findApprovals(db, draft.id)]);
  const evaluation = await evaluateDraft(db, latestRow?.draft, latestRow ? pinnedTemplates(latestRow) : DEFAULT_TEMPLATES);
  const problems = groupByField(kind, [...evaluation.issues, ...(evaluation.check?.violations ?? [])]);
  const latest = versions[0];
  const current = draft.current_version;
  const agreedBy = (orgId: string) => approvals.find((a) => a.version === current && a.organisation_id === orgId);
  const dateLine = evaluation.draft?.agreementDate ?? null;
  const concluded = draft.concluded_version != null ? { version: draft.concluded_version, on: draft.concluded_on ?? '', dateLineWarning: dateLineWarning(dateLine, draft.concluded_on) } : null;
  const checkOk = latest?.check_ok === true;
  const bothAgreed = base.parties.every((p) => agreedBy(p.organisationId));
  const editable = !concluded && app.state === 'preparing' && can(user, 'agreement.edit', access.resource);
  let templateUpdated = false;
  if (editable && evaluation.draft && evaluation.documentSha256 && latestRow) {
    const inEffect = selectTemplateVersion(await loadTemplatesInEffect(db), kind, draftFiscalYear(evaluation.draft));
    // The document is built a second time only when the template in effect is not the one it was built with.
    if (inEffect && !samePinnedTemplate(latestRow, inEffect)) templateUpdated = contentSha256(buildAgreement(evaluation.draft, [inEffect.template])) !== evaluation.documentSha256;
  }
  return {
    ...base,
    canOpen: false,
    openBlocker: null,
    draft: {
      currentVersion: current,
      concluded,
      /** the document's own date line (文書の日付欄), shown beside the conclusion form */
      dateLine,
      values: formFromDraft(kind, latestRow?.draft),
      valid: evaluation.draft !== null,
      errors: problems.fields,
      generalErrors: problems.general,
      issueCount: evaluation.issues.length,
      check: evaluation.check,
      documentSha256: latest?.document_sha256 ?? null,
      template: latestRow ? templateUsed(latestRow, evaluation.draft) : null,
      templateUpdated,
      versions: versions.map(versionSummary),
      approvals: base.parties.map((p) => {
        const a = agreedBy(p.organisationId);
        return { ...p, agreed: Boolean(a), at: a ? new Date(a.approved_at).toISOString() : null, by: a?.user_name ?? null };
      }),
      canEdit: editable,
      canApprove: editable && checkOk && !agreedBy(user.organisationId),
      canWithdraw: editable && Boolean(agreedBy(user.organisationId)),
      canConclude: editable && checkOk && bothAgreed,
    },
  };
}

export type AgreementPage = Awaited<ReturnType<typeof getAgreementPage>>;

/** What changed from version `since` to version `until` (shown with a refused stale save). */
export async function changesSince(db: Db, user: SessionUser, given: AgreementAccess, since: number, until: number): Promise<FieldChange[]> {
  const { draft } = authorise(user, given, 'agreement.view');
  if (!draft) return [];
  const [before, after] = await Promise.all([findVersion(db, draft.id, since), findVersion(db, draft.id, until)]);
  if (!after) return [];
  return diffDrafts(draft.kind, before?.draft ?? null, after.draft);
}

/** One version with its diff against the previous one. */
export async function getAgreementVersionPage(db: Db, user: SessionUser, given: AgreementAccess, version: number) {
  const { app, draft } = authorise(user, given, 'agreement.view');
  if (!draft) throw new ServiceError(404, '協定書・契約書がまだありません。');
  const row = await findVersion(db, draft.id, version);
  if (!row) throw new ServiceError(404, `版${version}はありません。`);
  const previous = version > 1 ? await findVersion(db, draft.id, version - 1) : undefined;
  const [evaluation, before, versions, approvals] = await Promise.all([
    evaluateDraft(db, row.draft, pinnedTemplates(row)),
    previous ? evaluateDraft(db, previous.draft, pinnedTemplates(previous)) : null,
    findVersionList(db, draft.id),
    findApprovals(db, draft.id),
  ]);
  const problems = groupByField(draft.kind, [...evaluation.issues, ...(evaluation.check?.violations ?? [])]);
  const summary = versions.find((v) => v.version === version)!;
  const { municipality, partner } = partiesOf(app);
  return {
    application: { id: app.id, listingTitle: app.listing_title },
    kind: draft.kind,
    documentType: DOCUMENT_TYPE[draft.kind],
    version: versionSummary(summary),
    latestVersion: draft.current_version,
    concludedVersion: draft.concluded_version,
    values: formFromDraft(draft.kind, row.draft),
    changes: diffDrafts(draft.kind, previous?.draft ?? null, row.draft),
    hasPrevious: Boolean(previous),
    /** the agreement's text compared with the previous version's (null when either cannot be built) */
    textChanges: before?.document && evaluation.document ? diffAgreementDocuments(before.document, evaluation.document) : null,
    template: templateUsed(row, evaluation.draft),
    errors: problems.fields,
    generalErrors: problems.general,
    check: evaluation.check,
    approvals: [municipality, partner]
      .map((p) => ({ name: p.name, approval: approvals.find((a) => a.version === version && a.organisation_id === p.organisationId) }))
      .filter((p) => p.approval)
      .map((p) => ({ name: p.name, at: new Date(p.approval!.approved_at).toISOString() })),
  };
}

/** A version as .docx, PDF or print HTML, for the two parties; only a complete draft can be rendered. */
export async function exportAgreementVersion(db: Db, user: SessionUser, given: AgreementAccess, version: number, format: ExportFormat, opts: { ip: string }): Promise<RenderedAgreement> {
  const { draft } = authorise(user, given, 'agreement.view');
  const applicationId = given.app.id;
  if (!draft) throw new ServiceError(404, '協定書・契約書がまだありません。');
  const row = await findVersion(db, draft.id, version);
  if (!row) throw new ServiceError(404, `版${version}はありません。`);
  const evaluation = await evaluateDraft(db, row.draft, pinnedTemplates(row));
  if (!evaluation.document) throw new ServiceError(409, `版${version}には未入力または誤りのある項目があるため、出力できません。`);
  const rendered = await renderAgreement(evaluation.document, format);
  await audit(db, { actor: user, action: 'agreement.export', targetType: 'application', targetId: applicationId, ip: opts.ip, details: { version, format, sha256: rendered.stamp.contentSha256 } });
  return rendered;
}
