import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createRequire } from 'node:module';
import type * as RedisAdapter from '@socket.io/redis-adapter';
import pg from 'pg';
import type { Namespace, Server, Socket } from 'socket.io';
import type { ZodType, ZodTypeDef } from 'zod';
import type { SessionUser } from '../domain/accounts/types';
import { JoinEventSchema, LeaveEventSchema, ReadEventSchema, SendEventSchema, TypingEventSchema } from '../schemas/chat';
import { getSessionFromCookieHeader, getUserFromCookieHeader } from '../services/auth.server';
import type { DbHandle } from '../../db/client';
import { listenForSessionEnds } from '../../db/session-ends';
import { ServiceError } from '../utils/errors';
import { createMessageWriter, markRead, messagesAfter, postTargetOf, readMarks, requireConversation, requireMessageAllowance, type PostTarget } from '../services/chat.server';
import { can } from '../domain/policy';
import { take } from '../services/rate-limit.server';
import type { AppServices } from '../server/load-context';
import { loadRedis } from '../server/redis';
import type { ApplicationState } from '../domain/applications/states';
import { localFirst } from './local-first.server';
import {
  CHAT_NAMESPACE,
  conversationRoom,
  organisationRoom,
  type Ack,
  type ChatHub,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from './events';

type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ChatNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The session behind a socket is looked up again this often (its ending also closes the socket at once). */
const USER_TTL_MS = 30_000;

/** Browsers always send Origin; a page on another site must not ride the user's cookie into the chat. */
function originAllowed(origin: string | undefined, host: string | undefined, publicUrl: string): boolean {
  if (!origin) return true;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  if (o.origin === new URL(publicUrl).origin) return true;
  return host !== undefined && o.host === host;
}

type Adapter = { kind: 'postgres' | 'redis' | 'none'; close(): Promise<void> };

/** Cross-process delivery: Redis when configured, else PostgreSQL LISTEN/NOTIFY on the pg pool; none on PGlite (one process). */
function installAdapter(io: Server, services: AppServices, pool: pg.Pool | undefined): Adapter {
  if (services.config.redisUrl) {
    const pub = loadRedis().createClient({ url: services.config.redisUrl });
    const sub = pub.duplicate();
    const onError = (err: unknown) => services.logger.warn({ err }, 'socket.io redis adapter error');
    pub.on('error', onError);
    sub.on('error', onError);
    void Promise.all([pub.connect(), sub.connect()]).catch(onError);
    // Like the Redis client, its adapter is loaded only by a process that has REDIS_URL.
    const { createAdapter: createRedisAdapter } = createRequire(import.meta.url)('@socket.io/redis-adapter') as typeof RedisAdapter;
    io.adapter(createRedisAdapter(pub, sub));
    return {
      kind: 'redis',
      close: async () => {
        await Promise.allSettled([pub.quit(), sub.quit()]);
      },
    };
  }
  if (pool && services.config.databaseUrl) {
    const listenPool = adapterPool(services);
    const onError = (err: unknown) => services.logger.warn({ err }, 'socket.io postgres adapter error');
    io.adapter(localFirst(createPostgresAdapter(listenPool.pool, { errorHandler: onError }), listenPool.pool, onError));
    return { kind: 'postgres', close: listenPool.close };
  }
  return { kind: 'none', close: async () => {} };
}

/**
 * The pool handed to the postgres adapter: a small pool of its own, wrapped so that shutdown can
 * always return its LISTEN client. The adapter assigns that client only once connected; a shutdown
 * during the connect would otherwise leave it checked out for ever and hang the pool's end().
 * After shutdown begins, connect() never resolves, so the adapter stops retrying.
 */
function adapterPool(services: AppServices): { pool: pg.Pool; close(): Promise<void> } {
  const inner = new pg.Pool({ connectionString: services.config.databaseUrl, max: 4 });
  inner.on('error', (err) => services.logger.warn({ err }, 'socket.io postgres adapter pool error'));
  const listening = new Set<pg.PoolClient>();
  let closing = false;
  const never = () => new Promise<never>(() => {});
  const connect = async () => {
    if (closing) return never();
    const client = await inner.connect();
    if (closing) {
      client.release(true);
      return never();
    }
    const release = client.release.bind(client);
    client.release = (err?: Error | boolean) => {
      listening.delete(client);
      release(err);
    };
    listening.add(client);
    return client;
  };
  const pool = { connect, query: inner.query.bind(inner) } as unknown as pg.Pool;
  return {
    pool,
    close: async () => {
      closing = true;
      for (const client of [...listening]) client.release(true);
      await inner.end();
    },
  };
}

function fail(error: unknown, logger: AppServices['logger']): Extract<Ack, { ok: false }> {
  if (error instanceof ServiceError) {
    const code = error.status === 404 ? 'not_found' : error.status === 403 ? 'forbidden' : error.status === 429 ? 'rate_limited' : 'invalid';
    return { ok: false, error: error.message, code };
  }
  logger.error({ err: error }, 'chat event failed');
  return { ok: false, error: '送信できませんでした。時間をおいて再度お試しください。', code: 'error' };
}

const noop = () => {};

/**
 * The chat namespace on the app's socket.io server: cookie-authenticated handshake, Origin check,
 * a room per conversation joined only after the policy allows it, every event zod-parsed and
 * rate-limited, messages persisted before they are acknowledged and broadcast.
 */
export function attachChat(io: Server, services: AppServices, dbHandle: Pick<DbHandle, 'pool' | 'pglite'>): { hub: ChatHub; adapter: Adapter['kind']; close(): Promise<void> } {
  const adapter = installAdapter(io, services, dbHandle.pool);
  const nsp = io.of(CHAT_NAMESPACE) as ChatNamespace;
  const users = new WeakMap<ChatSocket, { user: SessionUser; at: number }>();
  const limits = services.chatLimits;

  // A socket lives no longer than the session it was opened with: the database announces every
  // deleted session (log-out, log-out everywhere, password change or reset, suspension) to every
  // process once the deletion commits, and each process closes its own sockets of that session.
  const bySession = new Map<string, Set<ChatSocket>>();
  const sessionEnded = (sessionId: string) => {
    const sockets = bySession.get(sessionId);
    if (!sockets) return;
    bySession.delete(sessionId);
    for (const socket of sockets) socket.disconnect(true);
  };
  let sessionFeedUp = false;
  const sessionFeed = listenForSessionEnds(dbHandle, {
    ended: sessionEnded,
    status: (up) => {
      // While the feed was down an ending may have been missed: every socket checks its session again.
      if (up && !sessionFeedUp) for (const socket of nsp.sockets.values()) users.delete(socket);
      sessionFeedUp = up;
      if (!up) services.logger.warn('chat: session end notifications are not being received');
    },
    error: (err) => services.logger.warn({ err }, 'chat: session end notifications lost; reconnecting'),
  }).catch((err: unknown) => {
    services.logger.error({ err }, 'chat: cannot listen for session ends');
    return undefined;
  });

  nsp.use(async (socket, next) => {
    try {
      const headers = socket.request.headers;
      if (!originAllowed(headers.origin, headers.host, services.config.publicUrl)) return next(new Error('forbidden origin'));
      const session = await getSessionFromCookieHeader(services, headers.cookie);
      if (!session || session.user.organisation.status !== 'approved') return next(new Error('unauthorized'));
      const { user, sessionId } = session;
      users.set(socket, { user, at: Date.now() });
      socket.data = { userId: user.id, organisationId: user.organisationId, name: user.name, sessionId };
      let sockets = bySession.get(sessionId);
      if (!sockets) bySession.set(sessionId, (sockets = new Set()));
      sockets.add(socket);
      socket.once('disconnect', () => {
        const set = bySession.get(sessionId);
        set?.delete(socket);
        if (set?.size === 0) bySession.delete(sessionId);
      });
      void socket.join(organisationRoom(user.organisationId));
      next();
    } catch (error) {
      services.logger.error({ err: error }, 'chat handshake failed');
      next(new Error('unavailable'));
    }
  });

  const currentUser = async (socket: ChatSocket): Promise<SessionUser | null> => {
    const cached = users.get(socket);
    if (cached && Date.now() - cached.at < USER_TTL_MS) return cached.user;
    const user = await getUserFromCookieHeader(services, socket.request.headers.cookie);
    if (!user || user.id !== socket.data.userId) {
      socket.disconnect(true);
      return null;
    }
    users.set(socket, { user, at: Date.now() });
    return user;
  };

  const hub: ChatHub = {
    message(m) {
      nsp.to(conversationRoom(m.conversationId)).emit('message', m);
    },
    read(p) {
      nsp.to(conversationRoom(p.conversationId)).emit('read', p);
    },
    state(p) {
      nsp.to(conversationRoom(p.conversationId)).emit('state', p);
    },
  };

  const writer = createMessageWriter(services.db, hub, dbHandle.pool);

  nsp.on('connection', (socket: ChatSocket) => {
    // One sender's messages are stored in the order they were sent (in each conversation), even though handlers are async.
    let sendQueue: Promise<unknown> = Promise.resolve();

    /** parse → rate limit → current user → handler; every failure is an ack, never a thrown error. */
    function on<T, R>(event: keyof ClientToServerEvents, schema: ZodType<T, ZodTypeDef, unknown>, handler: (user: SessionUser, input: T) => Promise<R>, serial = false) {
      socket.on(event, async (raw: unknown, maybeAck?: unknown) => {
        const ack = typeof maybeAck === 'function' ? (maybeAck as (r: unknown) => void) : noop;
        const parsed = schema.safeParse(raw);
        if (!parsed.success) return ack({ ok: false, error: parsed.error.issues[0]?.message ?? '入力が不正です。', code: 'invalid' });
        try {
          // Per user, not per socket: every tab and every reconnection draws on the same allowance.
          if ((await take(limits.events, socket.data.userId)) > 0) return ack({ ok: false, error: '送信が多すぎます。少し待ってから再度お試しください。', code: 'rate_limited' });
          const run = async () => {
            const user = await currentUser(socket);
            if (!user) return { ok: false as const, error: 'ログインし直してください。', code: 'forbidden' as const };
            return handler(user, parsed.data);
          };
          if (!serial) {
            const r = await run();
            return ack(r && typeof r === 'object' && 'ok' in r && r.ok === false ? r : { ok: true, ...r });
          }
          // One sender's messages reach the writer in the order they were sent; the writes themselves overlap.
          const queued = sendQueue.then(run);
          sendQueue = queued.catch(() => {});
          const step = await queued;
          if (typeof step !== 'function') return ack(step);
          ack({ ok: true, ...(await (step as () => Promise<object>)()) });
        } catch (error) {
          ack(fail(error, services.logger));
        }
      });
    }

    // Conversations this socket may post to, checked once when it joined (or at its first send).
    const targets = new Map<number, PostTarget>();
    const targetFor = async (user: SessionUser, conversationId: number): Promise<PostTarget> => {
      const known = targets.get(conversationId);
      if (known) return known;
      const target = postTargetOf(await requireConversation(services.db, user, conversationId, 'conversation.post'));
      targets.set(conversationId, target);
      return target;
    };

    on('conversation:join', JoinEventSchema, async (user, p) => {
      const conversation = await requireConversation(services.db, user, p.conversationId, 'conversation.join');
      if (can(user, 'conversation.post', { type: 'conversation', participantOrganisationIds: [conversation.applicant_organisation_id, conversation.owner_organisation_id] })) {
        targets.set(conversation.id, postTargetOf(conversation));
      }
      // Join before reading history: a message stored in between arrives twice (clients drop it by id), never zero times.
      await socket.join(conversationRoom(conversation.id));
      const [{ messages, hasMore }, reads] = await Promise.all([messagesAfter(services.db, { checked: true }, conversation.id, p.afterSeq), readMarks(services.db, conversation.id)]);
      return { messages, reads, state: conversation.application_state as ApplicationState, hasMore };
    });

    on('conversation:leave', LeaveEventSchema, async (_user, p) => {
      await socket.leave(conversationRoom(p.conversationId));
      return {};
    });

    on('message:send', SendEventSchema, async (user, p) => {
      const target = await targetFor(user, p.conversationId);
      await requireMessageAllowance(limits, user);
      return async () => {
        const { message, created } = await writer.send(user, target, p);
        return { message, duplicate: !created };
      };
    }, true);

    on('typing', TypingEventSchema, async (user, p) => {
      if (!socket.rooms.has(conversationRoom(p.conversationId))) throw new ServiceError(404, '会話が見つかりません。');
      socket.to(conversationRoom(p.conversationId)).emit('typing', { conversationId: p.conversationId, userId: user.id, name: user.name, organisationId: user.organisationId, typing: p.typing });
      return {};
    });

    on('read', ReadEventSchema, async (user, p) => {
      const r = await markRead(services.db, user, p.conversationId, p.seq, { hub });
      return r;
    });
  });

  return {
    hub,
    adapter: adapter.kind,
    close: async () => {
      await (await sessionFeed)?.close();
      await adapter.close();
    },
  };
}
