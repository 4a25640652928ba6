import type { AppServices } from '../server/load-context';

/** What a service is handed to read data every reader sees alike: `read()`, or its answer kept by the process. */
export type SharedRead = <T>(key: string, read: () => Promise<T>) => Promise<T>;

export const readDirectly: SharedRead = (_key, read) => read();

/** The process's shared reads (kept under the page cache's rules, app/server/page-cache.ts), or direct reads when it has none. */
export function sharedReadOf(services: Pick<AppServices, 'shared'>): SharedRead {
  const shared = services.shared;
  return shared ? (key, read) => shared.read(key, read) : readDirectly;
}
