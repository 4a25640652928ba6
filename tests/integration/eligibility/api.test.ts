import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const api = (params: Record<string, string>) => fetch(`${server.url}/api/eligibility?${new URLSearchParams(params)}`);

describe('GET /api/eligibility', () => {
  it('answers an eligible pairing by names', async () => {
    const res = await api({ municipality: '北海道 伊達市', companyHq: '東京都千代田区', type: 'dispatch', fy: '2026' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = await res.json();
    expect(body).toMatchObject({
      eligible: true,
      companyClass: 'A',
      reasons: [],
      ruleVersion: 'fy2026',
      fiscalYear: 2026,
      provisional: false,
      type: 'dispatch',
      municipality: { lgCode: '012335', prefName: '北海道', name: '伊達市' },
      companyHq: { lgCode: '131016', name: '千代田区' },
    });
  });

  it('answers an ineligible pairing with 200 and every reason', async () => {
    const res = await api({ municipality: '012025', companyHq: '北海道札幌市', type: 'side_job', fy: '2026' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.eligible).toBe(false);
    expect(body.companyClass).toBe('B');
    expect(body.employment).toBe('employed');
    expect(body.reasons.map((r: { code: string }) => r.code).sort()).toEqual(['class_b_receiver_is_city', 'class_b_same_prefecture']);
    expect(body.reasons.find((r: { code: string }) => r.code === 'class_b_same_prefecture').message_ja).toContain('同一都道府県内の市町村とは契約できません');
  });

  it('refuses an unknown municipality with 400 and a precise message', async () => {
    const res = await api({ municipality: '存在しない村', companyHq: '千代田区', type: 'dispatch' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ error: 'invalid_query', errors: [{ field: 'municipality', code: 'not_found' }] });
    expect(body.message).toBe('受入市町村：「存在しない村」に該当する市区町村が見つかりません');
  });

  it('refuses an ambiguous name with 400 and lists the candidates', async () => {
    const res = await api({ municipality: '北海道伊達市', companyHq: '府中市', type: 'dispatch' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual([
      {
        field: 'companyHq',
        code: 'ambiguous',
        message_ja: expect.stringContaining('「府中市」に該当する市区町村が2件あります'),
        candidates: [
          { lgCode: '132063', prefName: '東京都', name: '府中市' },
          { lgCode: '342084', prefName: '広島県', name: '府中市' },
        ],
      },
    ]);
  });

  it('refuses a bad type and a missing municipality together', async () => {
    const res = await api({ companyHq: '千代田区', type: 'intern' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual(['municipality:required', 'type:invalid']);
  });
});

describe('/eligibility page', () => {
  it('renders the form without a verdict at first', async () => {
    const res = await fetch(`${server.url}/eligibility`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="get"');
    expect(html).toContain('for="field-municipality"');
    expect(html).not.toContain('data-testid="verdict"');
  });

  it('renders the verdict and its reasons from a plain GET form submission', async () => {
    const res = await fetch(`${server.url}/eligibility?${new URLSearchParams({ municipality: '小樽市', companyHq: '札幌市', type: 'dispatch', employment: '', fy: '2026' })}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/data-testid="verdict">対象外です</);
    expect(html).toContain('B区分の企業は同一都道府県内の市町村には派遣できません');
    expect(html).toContain('北海道小樽市');
  });

  it('renders an eligible verdict', async () => {
    const res = await fetch(`${server.url}/eligibility?${new URLSearchParams({ municipality: '012335', companyHq: '131016', type: 'dispatch', fy: '2026' })}`);
    const html = await res.text();
    expect(html).toMatch(/data-testid="verdict">対象です</);
    // the rule table by its name, never its internal id
    expect(html).toContain('令和8年度の基準');
    expect(html).not.toMatch(/（fy\d{4}）|判定基準：fy/);
  });

  it('shows an ambiguous name as an error with links to each candidate, keeping the input', async () => {
    const res = await fetch(`${server.url}/eligibility?${new URLSearchParams({ municipality: '府中市', companyHq: '千代田区', type: 'dispatch' })}`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html.replaceAll('<!-- -->', '')).toContain('入力内容に1件の問題があります');
    expect(html).toContain('「府中市」に該当する市区町村が2件あります');
    // The field kit's ids: the summary links to the control, the control names its error.
    expect(html).toContain('href="#field-municipality"');
    expect(html).toMatch(/id="field-municipality"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-municipality"/);
    expect(html).toMatch(/aria-describedby="field-municipality-description field-municipality-error"/);
    expect(html).toContain('value="府中市"');
    expect(html).toContain('municipality=132063');
    expect(html).toContain('municipality=342084');
  });
});
