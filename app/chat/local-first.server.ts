import { Adapter as InMemoryAdapter, MessageType, type BroadcastOptions } from 'socket.io-adapter';

type ClusterLike = InMemoryAdapter & { uid: string; publish(message: unknown): void };
type Queryable = { query(text: string, values: unknown[]): Promise<unknown> };
type Outgoing = { uid: string; nsp: string; type: MessageType; data: unknown };

/** The postgres adapter's defaults: its channel is `socket.io#<namespace>`, a larger payload goes through its table. */
const CHANNEL_PREFIX = 'socket.io';
const PAYLOAD_LIMIT = 8000;
/** Bound parameters of one statement (PostgreSQL allows 65,535). */
const MAX_PER_STATEMENT = 1000;

/**
 * Wraps `@socket.io/postgres-adapter` for broadcasts. The adapter awaits its pg_notify before it
 * delivers a broadcast to this process's own clients, and sends each broadcast in a transaction of
 * its own (a NOTIFY takes a transaction id, so each is a commit flushed to the WAL). Here a
 * broadcast reaches this process's clients at once; the broadcasts for the other processes are
 * sent in order, one statement at a time: every broadcast made while the previous statement was in
 * flight goes out in the next one, as separate notifications the unchanged adapter of every other
 * process reads as before. Binary packets and payloads over the adapter's limit go through the
 * adapter itself.
 */
export function localFirst<N extends { name: string }>(factory: (nsp: N) => unknown, pool: Queryable, onError: (err: unknown) => void) {
  return function (nsp: N): InMemoryAdapter {
    const adapter = factory(nsp) as ClusterLike;
    const clustered = adapter.broadcast.bind(adapter);
    const channel = `${CHANNEL_PREFIX}#${nsp.name}`;
    let queue: string[] = [];
    let sending = false;

    const send = async () => {
      while (queue.length) {
        const payloads = takeStatement(queue);
        queue = queue.slice(payloads.length);
        const calls = payloads.map((_, i) => `pg_notify($1, $${i + 2})`).join(', ');
        await pool.query(`SELECT ${calls}`, [channel, ...payloads]).catch(onError);
      }
      sending = false;
    };

    adapter.broadcast = (packet: Parameters<InMemoryAdapter['broadcast']>[0], opts: BroadcastOptions) => {
      if (opts.flags?.local) return clustered(packet, opts);
      InMemoryAdapter.prototype.broadcast.call(adapter, packet, opts);
      const message: Outgoing = {
        uid: adapter.uid,
        nsp: nsp.name,
        type: MessageType.BROADCAST,
        data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } },
      };
      const payload = jsonWithoutBinary(message);
      if (payload === undefined || Buffer.byteLength(payload) > PAYLOAD_LIMIT) return adapter.publish(message);
      queue.push(payload);
      if (sending) return;
      // After the current task: the broadcasts of one write batch go out together.
      sending = true;
      queueMicrotask(() => void send());
    };
    return adapter;
  };
}

/**
 * The payloads of the next statement, from the front of the queue: PostgreSQL delivers identical
 * notifications of one transaction once, so a statement stops before a payload it already holds.
 */
function takeStatement(queue: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const p of queue) {
    if (seen.has(p) || seen.size === MAX_PER_STATEMENT) break;
    seen.add(p);
  }
  return [...seen];
}

/** The message as JSON, or undefined when it carries binary data (which the adapter sends as msgpack). */
function jsonWithoutBinary(message: Outgoing): string | undefined {
  let binary = false;
  const json = JSON.stringify(message, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    if (raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) binary = true;
    return value;
  });
  return binary ? undefined : json;
}
