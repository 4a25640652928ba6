import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../../app/server/app';
import { startTestServer, type TestServer } from '../../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const YEAR = /max-age=31536000/;

describe('favicon', () => {
  it('/favicon.ico leads to the icon, which is cached for a year', async () => {
    const first = await fetch(`${server.url}/favicon.ico`, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('cache-control')).toBe('public, max-age=86400');
    const location = first.headers.get('location')!;
    expect(location).toMatch(/^\/build\/_assets\/favicon-[\w-]+\.ico$/);

    const icon = await fetch(new URL(location, server.url));
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    expect(icon.headers.get('cache-control')).toMatch(YEAR);
    const body = Buffer.from(await icon.arrayBuffer());
    expect(body.equals(readFileSync(path.join(ROOT_DIR, 'public/favicon.ico')))).toBe(true);
    // ICONDIR: reserved 0, type 1 (icon), then 16, 32 and 48 px images.
    expect([body.readUInt16LE(0), body.readUInt16LE(2), body.readUInt16LE(4)]).toEqual([0, 1, 3]);
    expect([body[6], body[22], body[38]]).toEqual([16, 32, 48]);
  });

  it('every page links the ICO and the SVG icon, and both are served', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const svgHref = /<link rel="icon" href="([^"]+\.svg)" type="image\/svg\+xml"\/?>/.exec(html)?.[1];
    const icoHref = /<link rel="icon" href="([^"]+\.ico)"/.exec(html)?.[1];
    expect(svgHref).toBeTruthy();
    expect(icoHref).toBe((await fetch(`${server.url}/favicon.ico`, { redirect: 'manual' })).headers.get('location'));
    const svg = await fetch(new URL(svgHref!, server.url));
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.headers.get('cache-control')).toMatch(YEAR);
    expect(await svg.text()).toContain('<title>起業人マッチ</title>');
    // The 404 page links it too, so no page makes the browser ask for a missing icon.
    const missing = await fetch(`${server.url}/no-such-page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(`href="${svgHref}"`);
  });
});
