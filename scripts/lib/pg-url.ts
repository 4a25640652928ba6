/** Same server and credentials, another database. */
export function databaseUrlWith(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The maintenance database, for CREATE/DROP DATABASE. */
export const adminUrlOf = (url: string) => databaseUrlWith(url, 'postgres');
