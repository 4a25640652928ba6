import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database';
import type { AuditAction } from '../domain/audit';
import { insertAuditEntry, listAuditEntries, type AuditFilter } from '../../db/queries/audit';

type Actor = { id: string; organisationId: string; email?: string } | null;

export type AuditInput = {
  actor: Actor;
  /** verb in the policy's style: 'auth.login', 'organisation.approve', 'listing.publish' … (each labelled in app/domain/audit.ts) */
  action: AuditAction;
  targetType: string;
  targetId: string | number | null;
  ip: string;
  details?: Record<string, unknown>;
};

/**
 * Appends one line to the audit log (who, when, what, from where). Call it with the transaction
 * that makes the change, so the change and its record commit together. The table refuses
 * UPDATE and DELETE, so nothing the application does can rewrite history.
 */
export function audit(db: Kysely<Database> | Transaction<Database>, e: AuditInput) {
  return insertAuditEntry(db, {
    actorUserId: e.actor?.id ?? null,
    actorOrganisationId: e.actor?.organisationId ?? null,
    actorEmail: e.actor?.email ?? null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId === null ? null : String(e.targetId),
    ip: e.ip,
    details: e.details ?? {},
  });
}

export function listAudit(db: Kysely<Database>, filter: AuditFilter) {
  return listAuditEntries(db, filter);
}
