import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { findOrganisationMembers } from '../../db/queries/applications';
import {
  claimDueMail,
  enqueueMail,
  findDigestCandidates,
  findNotifications,
  findPreferences,
  insertNotifications,
  markMailFailed,
  markMailSent,
  markNotificationsRead,
  setDigestMark,
  upsertPreference,
} from '../../db/queries/notifications';
import { findProposalDigest, upsertProposalDigestFrequency } from '../../db/queries/proposal-digests';
import type { Database } from '../../db/database';
import type { MailAttachment } from '../../db/types/applications';
import {
  defaultPreference,
  DIGEST_RULES,
  NOTIFICATION_KINDS,
  DEFAULT_PROPOSAL_DIGEST_FREQUENCY,
  retryDelayMs,
  type NotificationKind,
  type Preference,
  type Preferences,
} from '../domain/applications/notifications';
import type { SessionUser } from '../domain/accounts/types';
import type { Config } from '../server/config';
import { sendMail, type MailMessage } from './mail.server';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
type MailConfig = Pick<Config, 'smtpUrl' | 'dataDir' | 'publicUrl'>;

/** Each user's in-app and e-mail switch per kind (defaults where never chosen). */
export async function preferencesOf(db: Db | Trx, userIds: string[]): Promise<Map<string, Record<NotificationKind, Preference>>> {
  const rows = await findPreferences(db, userIds);
  const out = new Map<string, Record<NotificationKind, Preference>>();
  for (const id of userIds) out.set(id, Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, defaultPreference(k)])) as Record<NotificationKind, Preference>);
  for (const r of rows) {
    const prefs = out.get(r.user_id);
    if (prefs && (NOTIFICATION_KINDS as readonly string[]).includes(r.kind)) prefs[r.kind as NotificationKind] = { inApp: r.in_app, email: r.email };
  }
  return out;
}

/**
 * Tells every member of an organisation about an event, as each chose: an in-app line and/or a
 * mail queued in the outbox (sent by the worker). Runs in the caller's transaction, so an event
 * that rolls back notifies nobody.
 */
export async function notifyOrganisation(
  trx: Db | Trx,
  e: {
    organisationId: string;
    kind: Exclude<NotificationKind, 'message'>;
    applicationId: number | null;
    title: string;
    body: string;
    url: string;
    publicUrl: string;
    /** Files for the mail (not the in-app line), e.g. the .ics of an accepted interview slot. */
    attachments?: MailAttachment[];
  },
) {
  const members = await findOrganisationMembers(trx, e.organisationId);
  if (members.length === 0) return;
  const prefs = await preferencesOf(
    trx,
    members.map((m) => m.id),
  );
  const event = randomUUID();
  await insertNotifications(
    trx,
    members
      .filter((m) => prefs.get(m.id)![e.kind].inApp)
      .map((m) => ({ user_id: m.id, kind: e.kind, application_id: e.applicationId, title: e.title, body: e.body, url: e.url })),
  );
  for (const m of members.filter((x) => prefs.get(x.id)![e.kind].email)) {
    await enqueueMail(trx, {
      user_id: m.id,
      kind: e.kind,
      to_email: m.email,
      subject: `【起業人マッチ】${e.title}`,
      body: `${m.name} 様\n\n${e.title}\n\n${e.body}\n\n${e.publicUrl}${e.url}\n\n通知の設定: ${e.publicUrl}/settings/notifications\n`,
      dedupe_key: `${e.kind}:${event}:${m.id}`,
      attachments: e.attachments,
    });
  }
}

/**
 * Queues one digest mail per user for messages unread longer than the delay and not yet covered
 * by an earlier digest. Returns how many mails were queued.
 */
export async function queueMessageDigests(db: Db, config: Pick<Config, 'publicUrl'>, now = new Date(), delayMinutes: number = DIGEST_RULES.delayMinutes): Promise<number> {
  const rows = await findDigestCandidates(db, new Date(now.getTime() - delayMinutes * 60_000));
  const byUser = new Map<string, typeof rows>();
  for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
  const prefs = await preferencesOf(db, [...byUser.keys()]);
  let queued = 0;
  for (const [userId, items] of byUser) {
    const maxId = Math.max(...items.map((i) => Number(i.max_message_id)));
    await db.transaction().execute(async (trx) => {
      if (prefs.get(userId)!.message.email) {
        const total = items.reduce((n, i) => n + i.unread, 0);
        const lines = items.map((i) => `・${i.listing_title}：${i.unread}件\n  ${config.publicUrl}/applications/${i.application_id}`);
        await enqueueMail(trx, {
          user_id: userId,
          kind: 'message',
          to_email: items[0].email,
          subject: `【起業人マッチ】未読のメッセージが${total}件あります`,
          body: `${items[0].name} 様\n\n未読のメッセージが${total}件あります。\n\n${lines.join('\n')}\n\n通知の設定: ${config.publicUrl}/settings/notifications\n`,
          dedupe_key: `digest:${userId}:${maxId}`,
        });
        queued += 1;
      }
      await setDigestMark(trx, userId, maxId);
    });
  }
  return queued;
}

type Send = (m: MailMessage) => Promise<void>;

/** Sends due outbox mails; a failure is retried later with back-off and given up after a few attempts. */
export async function drainOutbox(db: Db, config: MailConfig, now = new Date(), send: Send = (m) => sendMail(config, m), batch = 20) {
  let sent = 0;
  let failed = 0;
  await db.transaction().execute(async (trx) => {
    const due = await claimDueMail(trx, now, batch);
    for (const row of due) {
      try {
        await send({ to: row.to_email, subject: row.subject, text: row.body, attachments: row.attachments ?? undefined, headers: row.headers ?? undefined });
        await markMailSent(trx, Number(row.id));
        sent += 1;
      } catch (error) {
        const attempts = row.attempts + 1;
        await markMailFailed(trx, Number(row.id), {
          attempts,
          error: (error as Error).message ?? String(error),
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
          giveUp: attempts >= DIGEST_RULES.maxAttempts,
        });
        failed += 1;
      }
    }
  });
  return { sent, failed };
}

/** One round of the mail job: the digests due now, then the outbox. */
export async function sendDueNotifications(db: Db, config: MailConfig) {
  const digests = await queueMessageDigests(db, config);
  const mail = await drainOutbox(db, config);
  return { digests, ...mail };
}

export async function listNotifications(db: Db, user: SessionUser) {
  const rows = await findNotifications(db, user.id);
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, title: r.title, body: r.body, url: r.url, read: r.read_at !== null, createdAt: new Date(r.created_at).toISOString() }));
}

export const markAllNotificationsRead = (db: Db, user: SessionUser) => markNotificationsRead(db, user.id);

/** The signed-in user's own settings (nobody reads another's: the user comes from the session). */
export async function getPreferences(db: Db, user: Pick<SessionUser, 'id'>): Promise<Preferences> {
  const [prefs, digest] = await Promise.all([preferencesOf(db, [user.id]), findProposalDigest(db, user.id)]);
  const p = prefs.get(user.id)!;
  return { ...p, proposal: { ...p.proposal, frequency: digest?.frequency ?? DEFAULT_PROPOSAL_DIGEST_FREQUENCY } };
}

export async function savePreferences(db: Db, user: Pick<SessionUser, 'id'>, prefs: Preferences) {
  await db.transaction().execute(async (trx) => {
    for (const kind of NOTIFICATION_KINDS) await upsertPreference(trx, { user_id: user.id, kind, in_app: prefs[kind].inApp, email: prefs[kind].email });
    await upsertProposalDigestFrequency(trx, user.id, prefs.proposal.frequency);
  });
}
