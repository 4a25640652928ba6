import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPairingQuery, forgetMunicipalities, listMunicipalities, selectableFiscalYears } from '../../../app/services/eligibility.server';
import { createTestDb } from '../../helpers/test-db';

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle?.close());

describe('eligibility service', () => {
  it('reads the master from the municipalities table into the domain shape', async () => {
    const list = await listMunicipalities(handle.db);
    expect(list).toHaveLength(1741);
    expect(list.find((m) => m.lgCode === '243418')).toEqual({
      lgCode: '243418', prefCode: '24', prefName: '三重県', name: '菰野町', nameKana: 'こものちょう', kind: '町',
      seirei: false, chukaku: false, kencho: false, metroArea: 'nagoya', eligible1433: true, eligible1375: true,
      eligibilityBasis: ['teijuu'], teijuuSince: '2024-06-28',
    });
  });

  it('keeps the master in memory per database handle until told to forget it', async () => {
    forgetMunicipalities(handle.db);
    await handle.db.updateTable('municipalities').set({ name: '試験町' }).where('lg_code', '=', '012335').execute();
    try {
      const first = await listMunicipalities(handle.db);
      expect(first.find((m) => m.lgCode === '012335')?.name).toBe('試験町');
      await handle.db.updateTable('municipalities').set({ name: '伊達市' }).where('lg_code', '=', '012335').execute();
      expect(await listMunicipalities(handle.db)).toBe(first);
      forgetMunicipalities(handle.db);
      expect((await listMunicipalities(handle.db)).find((m) => m.lgCode === '012335')?.name).toBe('伊達市');
    } finally {
      await handle.db.updateTable('municipalities').set({ name: '伊達市' }).where('lg_code', '=', '012335').execute();
      forgetMunicipalities(handle.db);
    }
  });

  it('checks a pairing typed as names, defaulting to the current fiscal year', async () => {
    const outcome = await checkPairingQuery(handle.db, { municipality: '三重県 菰野町', companyHq: '千代田区', type: 'dispatch' }, new Date('2024-09-01T00:00:00+09:00'));
    expect(outcome.ok && outcome.result).toMatchObject({ eligible: false, fiscalYear: 2024, ruleVersion: 'fy2024' });
    const later = await checkPairingQuery(handle.db, { municipality: '三重県 菰野町', companyHq: '千代田区', type: 'dispatch' }, new Date('2025-04-01T00:00:00+09:00'));
    expect(later.ok && later.result).toMatchObject({ eligible: true, fiscalYear: 2025, ruleVersion: 'fy2025' });
  });

  it('offers every table and the current year', () => {
    expect(selectableFiscalYears(new Date('2026-11-23T00:00:00+09:00'))).toEqual([2024, 2025, 2026]);
    expect(selectableFiscalYears(new Date('2027-05-01T00:00:00+09:00'))).toEqual([2024, 2025, 2026, 2027]);
  });
});
