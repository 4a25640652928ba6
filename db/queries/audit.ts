import { sql, type Kysely, type Transaction } from 'kysely';
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
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as actor', 'actor.id', 'a.actor_user_id')
    .selectAll('a')
    .select((eb) => [
      'actor.name as actor_name',
      // The name of the record acted on, so the page shows no internal ids.
      eb
        .case()
        .when('a.target_type', '=', 'organisation')
        .then(eb.selectFrom('organisations as o').select('o.name').where(sql<boolean>`o.id::text = a.target_id`))
        .when('a.target_type', '=', 'user')
        .then(eb.selectFrom('users as u').select(sql<string>`u.name || '（' || u.email || '）'`.as('n')).where(sql<boolean>`u.id::text = a.target_id`))
        .when('a.target_type', '=', 'listing')
        .then(eb.selectFrom('listings as l').select('l.title').where(sql<boolean>`l.id::text = a.target_id`))
        .when('a.target_type', '=', 'application')
        .then(
          eb
            .selectFrom('applications as p')
            .innerJoin('listings as pl', 'pl.id', 'p.listing_id')
            .select('pl.title')
            .where(sql<boolean>`p.id::text = a.target_id`),
        )
        .when('a.target_type', '=', 'email')
        .then(sql<string>`a.target_id`)
        .else(null)
        .end()
        .as('target_name'),
    ])
    .orderBy('a.id', 'desc')
    .limit(f.limit);
  if (f.action) q = q.where('a.action', 'like', `${f.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.actor) q = q.where('a.actor_email', '=', f.actor.toLowerCase());
  if (f.targetId) q = q.where('a.target_id', '=', f.targetId);
  if (f.beforeId) q = q.where('a.id', '<', f.beforeId);
  return q.execute();
}
