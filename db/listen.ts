import pg from 'pg';
import type { DbHandle } from './client';

export type ChannelFeed = { close(): Promise<void> };

export type ChannelHandlers = {
  /** a notification on the channel (sent by a transaction that committed) */
  notify(payload: string): void;
  /** whether notifications are being received; while false some may be missed */
  status(listening: boolean): void;
  error(err: unknown): void;
};

/**
 * LISTEN on one channel: on PGlite through its own listen(); on PostgreSQL on a connection of its
 * own, reconnected after a failure (and reported down meanwhile).
 */
export async function listenOn(handle: Pick<DbHandle, 'pool' | 'pglite'>, channel: string, on: ChannelHandlers): Promise<ChannelFeed> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  if (handle.pglite) {
    const unlisten = await handle.pglite.listen(channel, (payload) => on.notify(payload));
    on.status(true);
    return { close: () => unlisten() };
  }
  const options = handle.pool!.options;
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 250;
  const connect = async () => {
    const c = new pg.Client({ connectionString: options.connectionString });
    client = c;
    const lost = (err?: unknown) => {
      if (client !== c) return;
      client = undefined;
      on.status(false);
      if (err) on.error(err);
      void c.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, 5_000);
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (n) => on.notify(n.payload ?? ''));
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
      if (client !== c || closed) return;
      delay = 250;
      on.status(true);
    } catch (err) {
      lost(err);
    }
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
