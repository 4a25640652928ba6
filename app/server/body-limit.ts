import type { NextFunction, Request, Response } from 'express';

const KiB = 1024;
const MiB = 1024 * KiB;

/** What one request body may hold: bytes of a url-encoded form, bytes and parts of a multipart form, and files among those parts. */
export type BodyRule = { urlencoded: number; multipart: number; parts: number; files: number };

/** Every form without long texts or files: log-in, sign-up, settings, state changes, chat messages (4,000 characters). */
export const DEFAULT_BODY_RULE: BodyRule = { urlencoded: 64 * KiB, multipart: 64 * KiB, parts: 100, files: 0 };

/**
 * Routes whose forms need more. Long texts percent-encode to up to 9 bytes a character (listing texts
 * ≤ 6,000 characters each, agreement drafts, the template editor's JSON); files are 10 MB each
 * (ATTACHMENT_RULES): one per listing upload, three per chat message.
 */
export const BODY_RULES: { pattern: RegExp; rule: BodyRule }[] = [
  { pattern: /^\/applications\/[^/]+\/?$/, rule: { urlencoded: 64 * KiB, multipart: 31 * MiB, parts: 100, files: 3 } },
  { pattern: /^\/(openings|solutions)\/[^/]+\/edit\/?$/, rule: { urlencoded: 1 * MiB, multipart: 11 * MiB, parts: 100, files: 1 } },
  { pattern: /^\/(openings|solutions)\/new\/?$/, rule: { urlencoded: 1 * MiB, multipart: 1 * MiB, parts: 100, files: 0 } },
  { pattern: /^\/applications\/[^/]+\/agreement\/?$/, rule: { urlencoded: 1 * MiB, multipart: 1 * MiB, parts: 500, files: 0 } },
  { pattern: /^\/settings\/profile\/?$/, rule: { urlencoded: 64 * KiB, multipart: 6 * MiB, parts: 10, files: 1 } },
  { pattern: /^\/admin\/templates\//, rule: { urlencoded: 1 * MiB, multipart: 1 * MiB, parts: 1000, files: 0 } },
];

export function bodyRuleFor(path: string): BodyRule {
  return BODY_RULES.find((r) => r.pattern.test(path))?.rule ?? DEFAULT_BODY_RULE;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function size(bytes: number): string {
  return bytes >= MiB ? `${Math.round(bytes / MiB)} MB` : `${Math.round(bytes / KiB)} KB`;
}

/** Up to this much of a refused body is read and dropped, so the client gets the answer instead of a reset connection. */
const DRAIN_MAX = 8 * MiB;

/**
 * Refuses the request without keeping any more of its body. A body of up to 8 MB still to come is
 * read and dropped (the client, still sending, then reads the answer); a larger or unknown one
 * ends the connection once the answer is written, so nobody can make the server read 100 MB.
 */
function refuse(req: Request, res: Response, status: 411 | 413, message: string, remaining = Number.POSITIVE_INFINITY) {
  const drain = remaining <= DRAIN_MAX;
  if (!drain) res.setHeader('connection', 'close');
  const text = status === 413 ? `413 Payload Too Large: ${message}` : `411 Length Required: ${message}`;
  if (req.path.startsWith('/api/')) res.status(status).json({ error: status === 413 ? 'payload_too_large' : 'length_required', message });
  else res.status(status).type('text/plain; charset=utf-8').send(text);
  if (drain) req.resume();
  else res.on('finish', () => req.socket.destroySoon());
}

/**
 * Body limits for every form post, enforced before anything reads the body:
 * - the body must declare its length (chunked uploads get 411), and a declared length over the
 *   route's limit is refused with 413 at once; Node's parser never delivers more than that length;
 * - a multipart body is read here, up to its declared length, counting parts and file parts as
 *   they arrive: one part or file too many ends the upload with 413 before the rest is read.
 *   The body read is kept in `res.locals.body` for the page (app.ts builds the Request from it).
 * socket.io's long-polling transport has its own limit (maxHttpBufferSize).
 */
export function bodyLimits() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE.has(req.method) || req.path.startsWith('/socket.io')) return next();
    const rule = bodyRuleFor(req.path);
    const declared = req.headers['content-length'];
    if (declared === undefined) {
      if (req.headers['transfer-encoding'] !== undefined) return refuse(req, res, 411, '送信する内容の長さ（Content-Length）を指定してください。');
      return next();
    }
    const length = Number(declared);
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const multipart = type === 'multipart/form-data';
    const limit = multipart ? rule.multipart : rule.urlencoded;
    if (!Number.isSafeInteger(length) || length > limit) {
      const advice = multipart && rule.files > 0 ? 'ファイルを小さくするか、分けて送信してください。' : '入力内容を短くしてから、もう一度送信してください。';
      return refuse(req, res, 413, `送信された内容が大きすぎます（このページの上限は ${size(limit)} です）。${advice}`, Number.isSafeInteger(length) ? length : undefined);
    }
    if (!multipart || length === 0) return next();
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
    if (!boundary) return next();
    readMultipart(req, res, next, length, boundary[1] ?? boundary[2]!, rule);
  };
}

function readMultipart(req: Request, res: Response, next: NextFunction, length: number, boundary: string, rule: BodyRule) {
  const body = Buffer.allocUnsafe(length);
  const delimiter = Buffer.from(`--${boundary}`);
  let filled = 0;
  let searchFrom = 0;
  let parts = 0;
  let files = 0;
  /** delimiters whose part headers are not complete yet */
  const pendingHeaders: number[] = [];
  let done = false;

  const fail = (message: string) => {
    done = true;
    req.removeListener('data', onData);
    req.removeListener('end', onEnd);
    refuse(req, res, 413, message, length - filled);
  };

  const onData = (chunk: Buffer) => {
    if (done) return;
    if (filled + chunk.length > length) return fail('送信された内容が、宣言された長さを超えています。');
    chunk.copy(body, filled);
    filled += chunk.length;
    const view = body.subarray(0, filled);
    for (let at = view.indexOf(delimiter, searchFrom); at !== -1; at = view.indexOf(delimiter, searchFrom)) {
      // Two more bytes tell a part's delimiter from the closing one (--boundary--).
      if (at + delimiter.length + 2 > filled) break;
      searchFrom = at + delimiter.length;
      if (view[at + delimiter.length] === 0x2d && view[at + delimiter.length + 1] === 0x2d) continue;
      parts += 1;
      pendingHeaders.push(at);
      if (parts > rule.parts) return fail(`送信された項目が多すぎます（上限 ${rule.parts} 項目）。`);
    }
    // A delimiter may straddle two chunks: look again at the tail.
    searchFrom = Math.max(searchFrom, filled - delimiter.length - 2);
    while (pendingHeaders.length) {
      const start = pendingHeaders[0]!;
      const end = view.indexOf('\r\n\r\n', start);
      if (end === -1) break;
      pendingHeaders.shift();
      const headers = view.subarray(start, end).toString('latin1');
      if (/filename\*?=\s*(?:"[^"]+"|[^";\s]+)/i.test(headers)) {
        files += 1;
        if (files > rule.files) {
          return fail(rule.files === 0 ? 'このページにはファイルを添付できません。' : `一度に添付できるファイルは${rule.files}件までです。`);
        }
      }
    }
  };
  const onEnd = () => {
    if (done) return;
    done = true;
    res.locals.body = body.subarray(0, filled);
    next();
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', (error) => {
    if (!done) {
      done = true;
      next(error);
    }
  });
}
