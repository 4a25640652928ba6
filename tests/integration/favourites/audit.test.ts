import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../app/domain/accounts/types';
import { auditActionLabel } from '../../../app/domain/audit';
import { setFavourite } from '../../../app/services/favourites.server';
import { createTestDb } from '../../helpers/test-db';
import { makeUser } from '../listings/fixtures';
import { insertPublishedListing } from './fixture';

/* 気になる is recorded in the audit log: who marked or unmarked which listing, from where. */
let handle: Awaited<ReturnType<typeof createTestDb>>;
let company: SessionUser;
let opening: number;

beforeAll(async () => {
  handle = await createTestDb();
  const amacho = await makeUser(handle.db, { slug: 'fa-amacho', kind: 'municipality', lgCode: '325252' });
  company = await makeUser(handle.db, { slug: 'fa-tokyo', kind: 'company', hq: '131016', companyClass: 'A' });
  opening = (await insertPublishedListing(handle.db, 'opening', amacho.organisationId, '監査ログの募集')).id;
}, 60_000);
afterAll(() => handle?.close());

const entries = () =>
  handle.db.selectFrom('audit_log').select(['action', 'target_type', 'target_id', 'actor_user_id', 'ip']).where('action', 'like', 'favourite.%').orderBy('id').execute();

describe('気になる in the audit log', () => {
  it('records marking and removing with Japanese labels', async () => {
    await setFavourite(handle.db, company, 'opening', opening, { marked: true, showName: false }, '192.0.2.10');
    await setFavourite(handle.db, company, 'opening', opening, { marked: false, showName: false }, '192.0.2.10');
    expect(await entries()).toEqual([
      { action: 'favourite.add', target_type: 'listing', target_id: String(opening), actor_user_id: company.id, ip: '192.0.2.10' },
      { action: 'favourite.remove', target_type: 'listing', target_id: String(opening), actor_user_id: company.id, ip: '192.0.2.10' },
    ]);
    expect(auditActionLabel('favourite.add')).toBe('「気になる」に登録');
    expect(auditActionLabel('favourite.remove')).toBe('「気になる」の解除');
  });

  it('records no removal of a mark that was not there', async () => {
    const before = (await entries()).length;
    await setFavourite(handle.db, company, 'opening', opening, { marked: false, showName: false }, '192.0.2.10');
    expect((await entries()).length).toBe(before);
  });
});
