import path from 'node:path';

export const TEMPLATE_DIR = path.resolve(import.meta.dirname, '../../.cache/test');

export function databaseUrlWith(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A URL on the same server for CREATE/DROP DATABASE (the `postgres` maintenance database). */
export function adminUrl(url: string): string {
  return databaseUrlWith(url, 'postgres');
}
