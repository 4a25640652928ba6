import { readFile } from 'node:fs/promises';
import path from 'node:path';
import esbuild, { type Plugin } from 'esbuild';
import semver from 'semver';

/*
 * Compiles the HTTP process (and the migration command production runs before it) to plain
 * JavaScript in build/server/, so production runs `node build/server/index.js` instead of
 * TypeScript through tsx (the way Epic Stack's other/build-server.ts does). Dependencies stay in
 * node_modules (`packages: 'external'`); the Remix build in build/remix/ is loaded at run time.
 */
const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'build/server');
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };

/**
 * A bundled module's `import.meta.url` is the bundle's. Code that finds files next to its source
 * (the municipality master, the repository root) gets the URL of the file it was written in,
 * expressed relative to the bundle, so the output keeps working wherever the checkout lies.
 */
const sourceUrls: Plugin = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|tsx)$/, namespace: 'file' }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromOut = path.relative(outdir, args.path).split(path.sep).join('/');
      const contents = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`);
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

const result = await esbuild.build({
  entryPoints: { index: path.join(root, 'app/server/index.ts'), 'demo-seed': path.join(root, 'app/server/demo-seed.ts'), migrate: path.join(root, 'scripts/migrate.ts') },
  outdir,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  // The lowest Node version the engines range accepts ("^20.19.0 || …" → node20.19.0).
  target: `node${semver.minVersion(pkg.engines.node)!.version}`,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [sourceUrls],
});
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .reduce((sum, [, o]) => sum + o.bytes, 0);
console.log(`server: ${path.relative(root, outdir)}/index.js, demo-seed.js, migrate.js (${Math.round(bytes / 1024)} KB)`);
