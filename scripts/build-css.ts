import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Tailwind (with the Digital Agency theme) plus the self-hosted BIZ UDPGothic faces; no font CDN.
const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'app/styles/app.generated.css');
const fontDir = path.join(root, 'build/public/fonts');
const fontsource = path.join(root, 'node_modules/@fontsource/biz-udpgothic');

mkdirSync(fontDir, { recursive: true });
const faces = ['400.css', '700.css']
  // woff2 only: every browser we support reads it, and it halves what we ship.
  .map((f) => readFileSync(path.join(fontsource, f), 'utf8').replace(/, url\(\.\/files\/[^)]+\.woff\) format\('woff'\)/g, '').replaceAll('url(./files/', 'url(/fonts/'))
  .join('\n');
for (const f of readdirSync(path.join(fontsource, 'files'))) {
  if (f.endsWith('.woff2')) cpSync(path.join(fontsource, 'files', f), path.join(fontDir, f));
}
const watch = process.argv.includes('--watch');
execFileSync(
  path.join(root, 'node_modules/.bin/tailwindcss'),
  ['-c', 'scripts/config/tailwind.config.ts', '-i', 'app/styles/app.css', '-o', out, ...(watch ? ['--watch'] : ['--minify'])],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
writeFileSync(out, faces.replace(/\/\*[^*]*\*\//g, '') + '\n' + readFileSync(out, 'utf8'));
console.log(`css: ${path.relative(root, out)}`);
