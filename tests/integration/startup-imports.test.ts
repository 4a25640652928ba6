import { execFileSync } from 'node:child_process';
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

/** The node options and the environment assignments of a command line (`A=1 node --x build/server/index.js`). */
function nodeCommand(words: string[]): { env: Record<string, string>; flags: string[] } {
  const node = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, node).flatMap((w) => (/^[A-Z_]+=/.test(w) ? [w.split('=', 2) as [string, string]] : [])));
  const flags = words.slice(node + 1).filter((w) => w.startsWith('--') && w !== '--demo');
  return { env, flags };
}

describe('the memory settings of the production commands', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const dockerfile = readFileSync(path.join(ROOT_DIR, 'scripts/deploy/Dockerfile'), 'utf8');
  const dockerCmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
  const dockerEnv = Object.fromEntries([...(/^ENV (.*)$/m.exec(dockerfile)?.[1] ?? '').matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  const startProd = nodeCommand(pkg.scripts['start:prod'].split(/\s+/));
  const start = nodeCommand(pkg.scripts.start.split('&&').at(-1)!.trim().split(/\s+/));
  const docker = nodeCommand(dockerCmd);
  const heapFlags = (flags: string[]) => flags.filter((f) => /^--max-(semi|old)-space-size=/.test(f));

  it('start:prod, npm start and the Dockerfile give the server the same heap sizes (2 × 8 MB young, 512 MB old)', () => {
    expect(heapFlags(startProd.flags)).toEqual(['--max-semi-space-size=8', '--max-old-space-size=512']);
    expect(heapFlags(start.flags)).toEqual(heapFlags(startProd.flags));
    expect(heapFlags(docker.flags)).toEqual(heapFlags(startProd.flags));
  });

  it('the three run the server with at most two malloc arenas (MALLOC_ARENA_MAX=2)', () => {
    expect(startProd.env.MALLOC_ARENA_MAX).toBe('2');
    expect(start.env.MALLOC_ARENA_MAX).toBe('2');
    expect(dockerEnv.MALLOC_ARENA_MAX).toBe('2');
  });

  it('node takes the flags of start:prod: the heap limit is the old space plus the young generation', () => {
    const out = execFileSync(process.execPath, [...startProd.flags, '-p', 'require("node:v8").getHeapStatistics().heap_size_limit'], {
      env: { ...process.env, ...startProd.env },
      encoding: 'utf8',
    });
    const limitMb = Number(out.trim()) / 2 ** 20;
    expect(limitMb).toBeGreaterThanOrEqual(512);
    expect(limitMb).toBeLessThanOrEqual(512 + 3 * 8);
  });
});
