import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../app/server/config';
import { acceptInterviewSlot, applyToListing, changeApplicationState, proposeSlots, slotCalendar } from '../../../app/services/applications.server';
import { listMail } from '../../../app/services/mail.server';
import { drainOutbox } from '../../../app/services/notifications.server';
import { createTestDb } from '../../helpers/test-db';
import { scenario } from './fixtures';

/* 「面談日時が決まりました」 carries the accepted slot's calendar file, the same entry as its .ics download. */

let handle: Awaited<ReturnType<typeof createTestDb>>;
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-interview-')), SESSION_SECRET: 'i'.repeat(40), LOG_LEVEL: 'silent' });
const opts = { ip: '127.0.0.1', publicUrl: config.publicUrl };
let s: Awaited<ReturnType<typeof scenario>>;

beforeAll(async () => {
  handle = await createTestDb();
  s = await scenario({ db: handle.db, config });
});
afterAll(() => handle?.close());

/** The lines of an .ics file that describe the event (its creation stamp aside). */
const eventLines = (ics: string) =>
  ics
    .split(/\r\n/)
    .filter((l) => l && !l.startsWith('DTSTAMP'))
    .join('\n');

describe('the accepted interview slot in the mail', () => {
  it('「面談日時が決まりました」 to the proposing side has the slot’s .ics attached', async () => {
    const app = await applyToListing(handle.db, s.company.user, 'opening', s.opening, { programType: 'dispatch', message: '応募します', proposal: '', asInquiry: false }, opts);
    expect((await changeApplicationState(handle.db, s.municipality.user, app.id, 'in_dialogue', opts)).ok).toBe(true);
    const startsAt = new Date(Date.now() + 5 * 86_400_000);
    startsAt.setUTCHours(1, 0, 0, 0); // 10:00 in Japan
    const endsAt = new Date(startsAt.getTime() + 3600_000);
    await proposeSlots(handle.db, s.municipality.user, app.id, { slots: [{ startsAt, endsAt }], location: '海士町役場 2階会議室' }, opts);
    const slot = await handle.db.selectFrom('interview_slots').select('id').where('application_id', '=', app.id).executeTakeFirstOrThrow();
    await acceptInterviewSlot(handle.db, s.company.user, app.id, slot.id, opts);

    await drainOutbox(handle.db, config, new Date(Date.now() + 60_000));
    const mail = (await listMail(config)).find((m) => m.to === s.municipality.user.email && m.subject.includes('面談日時が決まりました'));
    expect(mail, 'the mail to the municipality').toBeDefined();
    expect(mail!.text).toContain('観光DXの推進');
    expect(mail!.text).toContain(`/applications/${app.id}`);
    expect(mail!.attachments).toHaveLength(1);
    const [ics] = mail!.attachments;
    expect(ics.filename).toBe(`interview-${slot.id}.ics`);
    expect(ics.contentType).toBe('text/calendar');
    expect(ics.content).toContain('BEGIN:VEVENT');
    expect(ics.content).toContain('LOCATION:海士町役場 2階会議室');
    // The same event as the download on the application page.
    const download = await slotCalendar(handle.db, s.municipality.user, app.id, slot.id, config.publicUrl);
    expect(eventLines(ics.content)).toBe(eventLines(download));

    // Mails without files stay single-part text.
    const proposal = (await listMail(config)).find((m) => m.subject.includes('候補日時が提案されました'));
    expect(proposal?.attachments).toEqual([]);
  });
});
