import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../../app/server/app';
import { corporateNumberCheckDigit } from '../../../app/domain/accounts/corporate-number';
import { findMunicipality, forgetMunicipalities, listMunicipalities, municipalitiesByCode } from '../../../app/services/municipalities.server';
import { startTestServer } from '../../helpers/server';
import { Client } from '../accounts/client';

// Head offices registered at ward level (大阪市北区) resolve to their 政令市 everywhere a place is typed.
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const api = (params: Record<string, string>) => fetch(`${server.url}/api/eligibility?${new URLSearchParams(params)}`);

describe('wards of a 政令市', () => {
  it('the API answers a ward-level head office with its city\'s class and keeps the ward', async () => {
    const res = await api({ municipality: '北海道 伊達市', companyHq: '大阪府大阪市北区', type: 'dispatch', fy: '2026' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      eligible: true,
      companyClass: 'A',
      companyHq: { lgCode: '271004', prefName: '大阪府', name: '大阪市', ward: { lgCode: '271276', name: '北区' } },
    });
    const nagoya = await (await api({ municipality: '012335', companyHq: '名古屋市中区', type: 'side_job', fy: '2026' })).json();
    expect(nagoya).toMatchObject({ eligible: true, companyClass: 'A', companyHq: { lgCode: '231002', ward: { name: '中区' } } });
  });

  it('the /eligibility page shows the ward and says the city is what was judged', async () => {
    const res = await fetch(`${server.url}/eligibility?${new URLSearchParams({ municipality: 'にせこ', companyHq: '名古屋市中区', type: 'dispatch' })}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/data-testid="verdict">対象です</);
    expect(html).toContain('北海道ニセコ町');
    expect(html).toContain('愛知県名古屋市中区（名古屋市として判定・231002）');
  });

  it('the command line resolves a ward from the shipped files', async () => {
    // Not spawnSync: the test server runs in this process and must keep answering meanwhile.
    const run = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/eligibility.ts', '--municipality', '北海道だて', '--company-hq', '札幌市中央区', '--type', 'dispatch', '--fy', '2026'],
      { cwd: ROOT_DIR, env: { PATH: process.env.PATH, NODE_ENV: 'test' } as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 30_000 },
    );
    expect(JSON.parse(run.stdout)).toMatchObject({
      companyClass: 'B',
      municipality: { lgCode: '012335' },
      companyHq: { lgCode: '011002', ward: { lgCode: '011011', name: '中央区' } },
    });
  });

  it('sign-up accepts a ward as a company head office and stores the city; a municipality must be the city', async () => {
    const base12 = '412000765432';
    const corporateNumber = `${corporateNumberCheckDigit(base12)}${base12}`;
    const company = await new Client(server.url).post('/signup/company', {
      name: '梅田 一郎', email: 'kanri@umeda-works.example.jp', password: 'snowy-harbour-2026', companyName: '梅田ワークス株式会社',
      corporateNumber, headOffice: '大阪府大阪市北区', department: '総務部', phone: '06-0000-0000', evidence: '公式サイトの会社概要に担当者として掲載', agree: 'on',
    });
    expect(company.status).toBe(302);
    const org = await server.db.selectFrom('organisations').selectAll().where('corporate_number', '=', corporateNumber).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ head_office_lg_code: '271004', company_class: 'A' });

    const municipality = await new Client(server.url).post('/signup/municipality', {
      name: '北 太郎', email: 'kita@city.example.jp', password: 'snowy-harbour-2026', municipality: '大阪市北区',
      department: '企画課', phone: '06-0000-0001', evidence: '職員録に掲載', agree: 'on',
    });
    expect(municipality.status).toBe(400);
    expect(await municipality.text()).toContain('大阪府大阪市北区は行政区です。市（大阪府大阪市）として登録してください。');
  });
});

describe('the municipality reference', () => {
  it('holds every municipality with the wards of each 政令市, shared by eligibility, sign-up and listings', async () => {
    const list = await listMunicipalities(server.db);
    expect(list).toHaveLength(1741);
    const wards = list.filter((m) => m.seirei).map((m) => m.wards?.filter((w) => w.abolished === null).length);
    expect(wards.reduce((a, b) => a! + b!, 0)).toBe(171);
    const found = await findMunicipality(server.db, '大阪市 北区');
    expect(found).toMatchObject({ ok: true, display: '大阪府大阪市北区', ward: { lgCode: '271276' } });
    expect(found.ok && found.municipality).toBe(list.find((m) => m.lgCode === '271004'));
    expect((await municipalitiesByCode(server.db, ['271004', '000000'])).get('271004')).toBe(found.ok && found.municipality);
  });

  it('forgetting it makes every reader see the table again', async () => {
    const before = await findMunicipality(server.db, '伊達市');
    expect(before.ok).toBe(false);
    await server.db.updateTable('municipalities').set({ name: '試験市' }).where('lg_code', '=', '072133').execute();
    try {
      forgetMunicipalities(server.db);
      expect(await findMunicipality(server.db, '伊達市')).toMatchObject({ ok: true, municipality: { lgCode: '012335' } });
      expect((await municipalitiesByCode(server.db, ['072133'])).get('072133')?.name).toBe('試験市');
    } finally {
      await server.db.updateTable('municipalities').set({ name: '伊達市' }).where('lg_code', '=', '072133').execute();
      forgetMunicipalities(server.db);
    }
  });

  it('a failed read is not kept: the next call reads again', async () => {
    forgetMunicipalities(server.db);
    await sql`alter table municipal_wards rename to municipal_wards_away`.execute(server.db);
    try {
      await expect(listMunicipalities(server.db)).rejects.toThrow(/municipal_wards/);
    } finally {
      await sql`alter table municipal_wards_away rename to municipal_wards`.execute(server.db);
    }
    expect(await listMunicipalities(server.db)).toHaveLength(1741);
  });
});
