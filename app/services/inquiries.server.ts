import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findActiveOperators, insertInquiry } from '../../db/queries/inquiries';
import { enqueueMail } from '../../db/queries/notifications';
import { inquiryMail } from '../domain/inquiries';
import { LEGAL_VERSIONS } from '../domain/legal';
import type { ContactValues } from '../schemas/contact';
import type { Config } from '../server/config';
import { formatDateTime } from '../utils/dates';
import { ServiceError } from '../utils/errors';
import { audit } from './audit.server';
import { limitersFor, lockedFor, minutesLeft, recordFailure, type LimiterName } from './rate-limit.server';

export type InquiryInput = Omit<ContactValues, 'agree'>;

/**
 * Stores an inquiry from the contact form and queues a mail to every active operator through the
 * notification outbox, in one transaction (audited as inquiry.create). Each address and each IP
 * may send as many inquiries as password-reset mails (LIMITS.mail); beyond that the sender is told
 * when to try again (429) and nothing is stored. The same form posted twice is stored once.
 */
export async function submitInquiry(
  db: Kysely<Database>,
  config: Pick<Config, 'redisUrl' | 'publicUrl'>,
  input: InquiryInput,
  meta: { ip: string; user: { id: string; organisationId: string; email: string } | null },
): Promise<{ id: number }> {
  const limiters = limitersFor(db, config);
  const keys: [LimiterName, string][] = [
    ['mail', `contact:${input.email}`],
    ['mail', `contact-ip:${meta.ip}`],
  ];
  const wait = await lockedFor(limiters, keys);
  if (wait > 0) throw new ServiceError(429, `お問い合わせの送信が続いたため、受付を一時停止しています。${minutesLeft(wait)}分後にもう一度お試しください。入力内容はそのまま残っています。`, 'rate_limited');

  const stored = await db.transaction().execute(async (trx) => {
    const row = await insertInquiry(trx, {
      submission_key: input.submissionKey,
      name: input.name,
      email: input.email,
      organisation: input.organisation,
      category: input.category,
      body: input.body,
      user_id: meta.user?.id ?? null,
      ip: meta.ip,
      privacy_version: LEGAL_VERSIONS.privacy.id,
    });
    if (!row.created) return row;
    const mail = inquiryMail({ ...input, id: row.id, receivedAt: formatDateTime(row.createdAt) }, config.publicUrl);
    for (const operator of await findActiveOperators(trx)) {
      await enqueueMail(trx, { user_id: operator.id, kind: 'inquiry', to_email: operator.email, subject: mail.subject, body: mail.body, dedupe_key: `inquiry:${row.id}:${operator.id}` });
    }
    await audit(trx, { actor: meta.user, action: 'inquiry.create', targetType: 'inquiry', targetId: row.id, ip: meta.ip, details: { category: input.category, privacyVersion: LEGAL_VERSIONS.privacy.id } });
    return row;
  });
  if (stored.created) await recordFailure(limiters, keys);
  return { id: stored.id };
}
