import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REMIX_BUILD, ROOT_DIR } from '../../app/server/app';

/*
 * What the server process loads at start-up stays in its memory for good. The libraries below serve
 * rare requests (documents, spreadsheets, charts, uploads and photos, mail, TOTP) or other configurations
 * (Redis), or only the browser (the socket.io client): the built server must load them when first
 * used, never through a static import.
 */
const LOADED_WHEN_USED = ['docx', 'pdfkit', 'exceljs', 'echarts', 'file-type', 'sharp', 'nodemailer', 'otplib', 'redis', '@socket.io/redis-adapter', 'socket.io-client'];

function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["'];?$/gm)].map((m) => m[1]);
}

describe('start-up imports of the built server', () => {
  for (const file of [REMIX_BUILD, path.join(ROOT_DIR, 'build/server/index.js')]) {
    it(`${path.relative(ROOT_DIR, file)} imports no library that is loaded when first used`, () => {
      const imports = staticImports(file);
      expect(imports.length, 'run `npm run build` first').toBeGreaterThan(5);
      const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
      expect(imports.filter((spec) => LOADED_WHEN_USED.includes(packageOf(spec)))).toEqual([]);
    });
  }
});

describe('the V8 flags of the production commands', () => {
  it('start:prod, npm start and the Dockerfile give the server the same young generation (2 × 8 MB)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const dockerCmd = /^CMD (\[.*\])$/m.exec(readFileSync(path.join(ROOT_DIR, 'scripts/deploy/Dockerfile'), 'utf8'))?.[1];
    const flag = /--max-semi-space-size=\d+/;
    expect(flag.exec(pkg.scripts['start:prod'])?.[0]).toBe('--max-semi-space-size=8');
    expect(flag.exec(pkg.scripts.start)?.[0]).toBe('--max-semi-space-size=8');
    expect((JSON.parse(dockerCmd ?? '[]') as string[]).filter((a) => flag.test(a))).toEqual(['--max-semi-space-size=8']);
  });
});
