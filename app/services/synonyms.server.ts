import type { AppLoadContext } from '@remix-run/server-runtime';
import { z } from 'zod';
import {
  deleteSynonymGroup,
  findSynonymGroup,
  insertSynonymGroup,
  listSynonymGroups,
  listSynonymGroupsForAdmin,
  lockSynonymTable,
  SYNONYM_AUDIT_TARGET,
  updateSynonymGroup,
} from '../../db/queries/search';
import type { SynonymSync } from '../../search/create-search';
import { normalize } from '../../search/text';
import { sameGroup, validateSynonymGroup, type SynonymErrors } from '../domain/search/synonyms';
import type { SessionUser } from '../domain/accounts/types';
import type { SynonymGroupInput } from '../schemas/synonyms';
import { audit } from './audit.server';

/*
 * The synonym dictionary operators edit at /admin/synonyms: read → decide (app/domain/search/synonyms)
 * → write and audit in one transaction → make the search use it at once.
 */

type Services = Pick<AppLoadContext, 'db' | 'search'>;

export type SynonymForm = SynonymGroupInput;

export const SynonymIdSchema = z.coerce.number().int().min(1).max(2_147_483_647);
export const SynonymSearchSchema = z.string().max(100).catch('').transform((q) => q.normalize('NFKC').trim());

export type SynonymResult =
  | { ok: true; id: number; changed: boolean; sync: SynonymSync | null }
  | { ok: false; status: 400 | 404 | 409; errors: SynonymErrors & { _form?: string[] } };

export function listSynonyms(services: Services, q: string) {
  return listSynonymGroupsForAdmin(services.db, q || undefined);
}

export function findSynonym(services: Services, id: number) {
  return findSynonymGroup(services.db, id);
}

const snapshot = (g: { terms: readonly string[]; note: string | null }) => ({ terms: [...g.terms], note: g.note });
const changedElsewhere = ['この同義語グループは、表示した後にほかの担当者が変更しました。現在保存されている内容を確かめてから、もう一度操作してください。'];

/** Adds a group (terms separated by 、 , ， or line breaks). */
export async function createSynonym(services: Services, operator: SessionUser, form: SynonymForm, ip: string): Promise<SynonymResult> {
  const done = await services.db.transaction().execute(async (trx) => {
    await lockSynonymTable(trx);
    const checked = validateSynonymGroup(form, await listSynonymGroups(trx), { key: normalize });
    if (!checked.ok) return checked;
    const { id } = await insertSynonymGroup(trx, checked.value.terms, checked.value.note);
    await audit(trx, {
      actor: operator, action: 'synonym.create', targetType: SYNONYM_AUDIT_TARGET, targetId: id, ip,
      details: { before: null, after: snapshot(checked.value) },
    });
    return { ok: true as const, id };
  });
  if (!done.ok) return { ok: false, status: 400, errors: done.errors };
  return { ok: true, id: done.id, changed: true, sync: await services.search.synonymsChanged() };
}

/** Replaces a group's terms and note; refused when someone else changed it since the form was shown. */
export async function updateSynonym(services: Services, operator: SessionUser, id: number, form: SynonymForm, ip: string): Promise<SynonymResult> {
  const done = await services.db.transaction().execute(async (trx): Promise<SynonymResult> => {
    await lockSynonymTable(trx);
    const before = await findSynonymGroup(trx, id);
    if (!before) return { ok: false, status: 404, errors: { _form: ['この同義語グループは見つかりません（削除された可能性があります）。'] } };
    if (form.updatedAt && form.updatedAt !== new Date(before.updated_at).toISOString()) return { ok: false, status: 409, errors: { _form: changedElsewhere } };
    const checked = validateSynonymGroup(form, await listSynonymGroups(trx), { key: normalize, selfId: id });
    if (!checked.ok) return { ok: false, status: 400, errors: checked.errors };
    if (sameGroup(before, checked.value)) return { ok: true, id, changed: false, sync: null };
    await updateSynonymGroup(trx, id, checked.value.terms, checked.value.note);
    await audit(trx, {
      actor: operator, action: 'synonym.update', targetType: SYNONYM_AUDIT_TARGET, targetId: id, ip,
      details: { before: snapshot(before), after: snapshot(checked.value) },
    });
    return { ok: true, id, changed: true, sync: null };
  });
  if (!done.ok || !done.changed) return done;
  return { ...done, sync: await services.search.synonymsChanged() };
}

/** Deletes a group; the audit entry keeps what it held. */
export async function deleteSynonym(services: Services, operator: SessionUser, id: number, updatedAt: string | undefined, ip: string): Promise<SynonymResult> {
  const done = await services.db.transaction().execute(async (trx): Promise<SynonymResult> => {
    await lockSynonymTable(trx);
    const before = await findSynonymGroup(trx, id);
    if (!before) return { ok: false, status: 404, errors: { _form: ['この同義語グループは見つかりません（既に削除された可能性があります）。'] } };
    if (updatedAt && updatedAt !== new Date(before.updated_at).toISOString()) return { ok: false, status: 409, errors: { _form: changedElsewhere } };
    await deleteSynonymGroup(trx, id);
    await audit(trx, {
      actor: operator, action: 'synonym.delete', targetType: SYNONYM_AUDIT_TARGET, targetId: id, ip,
      details: { before: snapshot(before), after: null },
    });
    return { ok: true, id, changed: true, sync: null };
  });
  if (!done.ok) return done;
  return { ...done, sync: await services.search.synonymsChanged() };
}

/** The query string the list page reads after a change: what was done and whether Meilisearch took it. */
export function doneParams(done: 'created' | 'updated' | 'deleted' | 'unchanged', sync: SynonymSync | null) {
  const p = new URLSearchParams({ done });
  if (sync?.meilisearch === 'failed') p.set('meili', 'failed');
  if (sync?.embedded === 'failed') p.set('embedded', 'failed');
  return p.toString();
}

/** The answer for a group id that is not a number or not (any more) in the table. */
export const synonymNotFound = () => new Response('この同義語グループは見つかりません。', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** The group id in the URL's `:id`; throws 404 when it is not one. */
export function synonymIdOf(rawId: string | undefined): number {
  const id = SynonymIdSchema.safeParse(rawId);
  if (!id.success) throw synonymNotFound();
  return id.data;
}

/** The group named by the URL's `:id`, as the edit and delete pages show it; throws 404 otherwise. */
export async function synonymGroupOf(services: Services, rawId: string | undefined) {
  const group = await findSynonym(services, synonymIdOf(rawId));
  if (!group) throw synonymNotFound();
  return { group: { id: group.id, terms: group.terms, note: group.note, updatedAt: new Date(group.updated_at).toISOString() } };
}
