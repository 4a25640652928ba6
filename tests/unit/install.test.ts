import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// What `npm ci` on a fresh clone depends on: a lockfile in step with package.json that holds the native
// packages of every platform, and an engines range that every locked package accepts.
const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
type Locked = {
  version?: string;
  engines?: { node?: string } | string[];
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
};
const packages = Object.entries(lock.packages as Record<string, Locked>).filter(([key]) => key !== '');

/** The lockfile entry a package at `from` gets for `name`, found the way Node resolves it (walking up). */
function resolveLocked(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
    const at = dir.lastIndexOf('node_modules/');
    dir = at <= 0 ? '' : dir.slice(0, at - 1);
  }
}

describe('install', () => {
  it('the lockfile records the dependencies, engines and overrides of package.json', () => {
    const rootEntry = lock.packages[''];
    expect(rootEntry.dependencies).toEqual(pkg.dependencies);
    expect(rootEntry.devDependencies).toEqual(pkg.devDependencies);
    expect(rootEntry.engines).toEqual(pkg.engines);
    for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(range);
    }
  });

  it('every optional dependency (native packages of other platforms) is in the lockfile', () => {
    const missing: string[] = [];
    for (const [key, entry] of packages) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!resolveLocked(key, name)) missing.push(`${key} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every locked package runs on every Node version package.json accepts', () => {
    const ours = pkg.engines.node as string;
    const refusing: string[] = [];
    for (const [key, entry] of packages) {
      const theirs = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (theirs && !semver.subset(ours, theirs)) refusing.push(`${key}@${entry.version} wants ${theirs}`);
    }
    expect(refusing).toEqual([]);
  });

  it('the README names the lowest Node version package.json accepts', () => {
    const lowest = semver.minVersion(pkg.engines.node)!;
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`Node.js ${lowest.major}.${lowest.minor} `);
  });
});
