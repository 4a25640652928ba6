import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database';

type Db = Kysely<Database> | Transaction<Database>;

export type AuditEntry = {
  actorUserId: string | null;
  actorOrganisationId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  ip: string;
  details: Record<string, unknown>;
};

export function insertAuditEntry(db: Db, e: AuditEntry) {
  return db
    .insertInto('audit_log')
    .values({
      actor_user_id: e.actorUserId,
      actor_organisation_id: e.actorOrganisationId,
      actor_email: e.actorEmail,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      ip: e.ip,
      details: JSON.stringify(e.details),
    })
    .execute();
}

export type AuditFilter = { action?: string; actor?: string; targetId?: string; beforeId?: number; limit: number };

/** Newest first, keyset-paginated by id. `action` matches a prefix ('listing.' finds every listing action). */
export function listAuditEntries(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit);
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.actor) q = q.where('actor_email', '=', f.actor.toLowerCase());
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return q.execute();
}
