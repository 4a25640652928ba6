import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import type { Logger } from 'pino';
import { compressPieces, splice, type SplicedGzip } from './spliced-gzip';

/*
 * Rendered pages for anonymous visitors, kept in memory and served ahead of the middleware stack.
 *
 * - Only GET requests without a cookie or credentials, answered 200 with HTML, without Set-Cookie and
 *   without `Cache-Control: private|no-store`, are kept; keyed by protocol, host and URL.
 * - Every change a page can show (listings, organisations, municipalities, synonyms, the search
 *   index, templates …) empties the cache: the database announces it (a trigger's NOTIFY, received by
 *   every process), and a request that may change data (any method but GET/HEAD/OPTIONS) empties it
 *   when it starts and again once its action has returned, before the response leaves. A page whose
 *   rendering began before a change is not kept. While the announcements cannot be received (the
 *   listening connection is down), nothing is served or kept.
 * - Entries also expire after `ttlMs`, for what depends on the clock (a deadline passing).
 * - Each response gets a fresh CSP nonce: the page is kept cut at its nonce, and the gzip form is
 *   compressed once and spliced (see spliced-gzip.ts).
 * - `shared(key, read)` keeps data that every reader sees alike (the home page's newest listings, the
 *   municipality counts) under the same rules, for the pages it cannot keep whole: signed-in pages
 *   read it from memory and query only what is their reader's own.
 */

/*
 * With `signedIn`, the same cache keeps the pages of signed-in readers instead, each under the reader's
 * whole Cookie header, so that a page is only ever served to the session it was rendered for:
 * - only the paths of SIGNED_IN_PAGES (pages built from the database and the clock alone), only
 *   requests carrying a session cookie, answered without Set-Cookie;
 * - emptied by every change a page for anonymous visitors can show and by every change to a private
 *   table (sessions, messages, notifications, applications, proposals …: channel km_private_change,
 *   db/page-changes.ts), by every form post, and after `ttlMs`; the owner of app.ts reports the
 *   cache as listening only while both channels are heard;
 * - answered `Cache-Control: private, no-store`, as every signed-in page is.
 */
export type PageCacheOptions = { maxBytes: number; ttlMs?: number; logger: Logger; signedIn?: boolean };

/** Signed-in pages that may be kept: their loaders read the database (and the clock) and write nothing. */
export const SIGNED_IN_PAGES = /^\/(?:applications|openings|solutions|search|proposals|my\/listings|my\/favourites)?(?:\?|$)/;
const SESSION_COOKIE = /(?:^|;\s*)km_session=/;

type Entry = {
  generation: number;
  storedAt: number;
  headers: [string, string | string[]][];
  /** the Content-Security-Policy header, cut at the nonce */
  csp: string[] | undefined;
  /** the page, cut at the nonce */
  pieces: Buffer[];
  gzip: SplicedGzip;
  bytes: number;
};

/** What `serve` hands the renderer when a page may be kept. */
type Ticket = { key: string; generation: number };

const TICKET = Symbol('pageCacheTicket');
const UNSAFE_METHODS = /^(?!GET$|HEAD$|OPTIONS$)/;
const NOT_REPLAYED = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'set-cookie', 'date', 'connection', 'keep-alive', 'x-request-id', 'vary', 'content-security-policy']);
const MAX_KEY = 2048;

/** A sane incoming X-Request-Id (tracing across a proxy) or a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

// CSP nonces: 16 random bytes each, cut from a block drawn 4 KB at a time (one draw per 256 nonces).
let randomPool = Buffer.alloc(0);
let randomAt = 0;
export function newNonce(): string {
  if (randomAt + 16 > randomPool.length) {
    randomPool = randomBytes(4096);
    randomAt = 0;
  }
  randomAt += 16;
  return randomPool.toString('base64', randomAt - 16, randomAt);
}

/** Reads shared by every reader: kept while nothing they show has changed (see PageCache.shared). */
export type SharedReads = { read<T>(key: string, read: () => Promise<T>): Promise<T> };

type SharedEntry = { generation: number; storedAt: number; value: Promise<unknown> };

const MAX_SHARED = 64;

export class PageCache {
  private entries = new Map<string, Entry>();
  private sharedEntries = new Map<string, SharedEntry>();
  private rendering = new Map<string, Promise<void>>();
  private generation = 0;
  private bytes = 0;
  /** false while changes cannot be heard: then nothing is served or kept */
  private listening = false;
  readonly stats = { hits: 0, misses: 0, stored: 0, invalidations: 0 };
  private readonly ttlMs: number;

  constructor(private readonly opts: PageCacheOptions) {
    this.ttlMs = opts.ttlMs ?? 30_000;
  }

  /** Something a page may show has changed: forget every page, and refuse pages being rendered now. */
  invalidate = (): void => {
    this.generation += 1;
    this.stats.invalidations += 1;
    if (this.entries.size) this.entries.clear();
    if (this.sharedEntries.size) this.sharedEntries.clear();
    this.bytes = 0;
  };

  /**
   * The answer of `read`, kept for every request until a change empties the cache (or `ttlMs` passes);
   * requests arriving while it is being read wait for the same answer. A read that began before a
   * change is not kept, and while changes cannot be heard nothing is kept.
   */
  readonly shared: SharedReads = {
    read: <T>(key: string, read: () => Promise<T>): Promise<T> => {
      if (!this.listening) return read();
      const known = this.sharedEntries.get(key);
      if (known && known.generation === this.generation && Date.now() - known.storedAt <= this.ttlMs) return known.value as Promise<T>;
      const entry: SharedEntry = { generation: this.generation, storedAt: Date.now(), value: read() };
      const forget = () => {
        if (this.sharedEntries.get(key) === entry) this.sharedEntries.delete(key);
      };
      entry.value.then(() => entry.generation !== this.generation && forget(), forget);
      this.sharedEntries.delete(key);
      this.sharedEntries.set(key, entry);
      if (this.sharedEntries.size > MAX_SHARED) this.sharedEntries.delete(this.sharedEntries.keys().next().value!);
      return entry.value as Promise<T>;
    },
  };

  /** Whether database changes are being received; while not, the cache is off. */
  setListening(up: boolean): void {
    this.listening = up;
    this.invalidate();
  }

  get size(): number {
    return this.entries.size;
  }

  /** First middleware: answers from the cache, or marks the request so that its page may be kept. */
  serve = (req: ExpressRequest, res: ExpressResponse, next: NextFunction): void => {
    if (req.method !== 'GET') {
      if (UNSAFE_METHODS.test(req.method)) this.invalidate();
      return next();
    }
    if (!this.listening || req.headers.authorization || req.url.includes('_data=')) return next();
    if (this.opts.signedIn ? !SESSION_COOKIE.test(req.headers.cookie ?? '') || !SIGNED_IN_PAGES.test(req.originalUrl) : req.headers.cookie) return next();
    const key = this.keyOf(req);
    if (key.length > MAX_KEY) return next();
    const entry = this.lookup(key);
    if (entry) return this.send(req, res, entry);
    const pending = this.rendering.get(key);
    if (pending) {
      // The same page is being rendered: wait for it rather than render it again.
      void pending.then(() => {
        const ready = this.lookup(key);
        if (ready) return this.send(req, res, ready);
        this.miss(key, res);
        next();
      });
      return;
    }
    let done!: () => void;
    const rendered = new Promise<void>((resolve) => (done = resolve));
    this.rendering.set(key, rendered);
    res.once('close', () => {
      if (this.rendering.get(key) === rendered) this.rendering.delete(key);
      done();
    });
    this.miss(key, res);
    next();
  };

  /**
   * Called with the rendered page before it is sent. Keeps it when the request was marked and the
   * response qualifies; returns a response to send in its place (the body may have been read).
   */
  async keep(req: ExpressRequest, res: ExpressResponse, response: Response): Promise<Response> {
    if (UNSAFE_METHODS.test(req.method)) {
      // The action has returned (its transaction committed): pages rendered before are stale.
      this.invalidate();
      return response;
    }
    const ticket = (res.locals as { [TICKET]?: Ticket })[TICKET];
    if (!ticket || !this.qualifies(res, response)) return response;
    const body = Buffer.from(await response.arrayBuffer());
    const nonce = String(res.locals.cspNonce ?? '');
    if (ticket.generation === this.generation && this.listening && nonce && body.length < this.opts.maxBytes / 8) {
      this.store(ticket.key, this.entryOf(res, response, body, nonce));
    }
    return new Response(body as Uint8Array<ArrayBuffer>, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  private keyOf(req: ExpressRequest): string {
    const url = `${req.protocol}://${req.headers.host ?? ''}${req.originalUrl}`;
    return this.opts.signedIn ? `${url}\n${req.headers.cookie ?? ''}` : url;
  }

  private miss(key: string, res: ExpressResponse) {
    this.stats.misses += 1;
    (res.locals as { [TICKET]?: Ticket })[TICKET] = { key, generation: this.generation };
  }

  private qualifies(res: ExpressResponse, response: Response): boolean {
    if (response.status !== 200 || !/^text\/html/.test(response.headers.get('content-type') ?? '')) return false;
    if (response.headers.has('set-cookie') || res.hasHeader('set-cookie')) return false;
    const cacheControl = `${response.headers.get('cache-control') ?? ''} ${String(res.getHeader('cache-control') ?? '')}`;
    return !/private|no-store/i.test(cacheControl);
  }

  private lookup(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.generation !== this.generation || Date.now() - entry.storedAt > this.ttlMs) {
      this.drop(key, entry);
      return undefined;
    }
    return entry;
  }

  private entryOf(res: ServerResponse, response: Response, body: Buffer, nonce: string): Entry {
    const headers = new Map<string, string | string[]>();
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (value !== undefined && !NOT_REPLAYED.has(name)) headers.set(name, Array.isArray(value) ? value : String(value));
    }
    for (const [name, value] of response.headers) if (!NOT_REPLAYED.has(name)) headers.set(name, value);
    const csp = res.getHeader('content-security-policy');
    const pieces = cut(body, Buffer.from(nonce));
    const gzip = compressPieces(pieces, Buffer.byteLength(nonce));
    return {
      generation: this.generation,
      storedAt: Date.now(),
      headers: [...headers],
      csp: typeof csp === 'string' ? csp.split(nonce) : undefined,
      pieces,
      gzip,
      bytes: body.length + gzip.bytes + 1024,
    };
  }

  private store(key: string, entry: Entry) {
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    this.stats.stored += 1;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.opts.maxBytes) break;
      this.drop(k, e);
    }
  }

  private drop(key: string, entry: Entry) {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private send(req: ExpressRequest, res: ExpressResponse, entry: Entry) {
    this.stats.hits += 1;
    // Least recently used first out.
    const key = this.keyOf(req);
    this.entries.delete(key);
    this.entries.set(key, entry);
    const nonce = newNonce();
    const id = requestIdOf(req);
    res.statusCode = 200;
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    if (entry.csp) res.setHeader('content-security-policy', entry.csp.join(nonce));
    res.setHeader('x-request-id', id);
    res.setHeader('vary', 'Accept-Encoding');
    res.setHeader('x-page-cache', 'hit');
    if (this.opts.signedIn) res.setHeader('cache-control', 'private, no-store');
    const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
    const parts = gzip ? splice(entry.gzip, Buffer.from(nonce)) : joined(entry.pieces, Buffer.from(nonce));
    if (gzip) res.setHeader('content-encoding', 'gzip');
    res.setHeader('content-length', parts.reduce((n, p) => n + p.length, 0));
    res.cork();
    for (let i = 0; i < parts.length - 1; i += 1) res.write(parts[i]);
    res.end(parts[parts.length - 1]);
    res.uncork();
    if (this.opts.logger.isLevelEnabled('info')) {
      this.opts.logger.info({ req: { id, method: req.method, url: req.originalUrl }, res: { statusCode: 200 }, pageCache: 'hit' }, 'request completed');
    }
  }
}

/** `body` cut at every occurrence of `mark`. */
function cut(body: Buffer, mark: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(mark); at >= 0; at = body.indexOf(mark, from)) {
    pieces.push(body.subarray(from, at));
    from = at + mark.length;
  }
  pieces.push(body.subarray(from));
  return pieces;
}

function joined(pieces: Buffer[], mark: Buffer): Buffer[] {
  const out: Buffer[] = [pieces[0]];
  for (let i = 1; i < pieces.length; i += 1) out.push(mark, pieces[i]);
  return out;
}
