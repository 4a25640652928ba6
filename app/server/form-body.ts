import type { NextFunction, Request, Response } from 'express';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** text/plain is what a browser sends for `<form enctype="text/plain">`, which no page uses: 415 like JSON. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Every page action reads its body with request.formData(), which throws on any other content
 * type (a JSON or XML body sent to a form route would end as a 500). Refuse those bodies up front
 * with 415 and a Japanese explanation (and refuse NUL in the URL with 400). socket.io's long-polling transport has its own parser.
 */
export function formBodiesOnly() {
  return (req: Request, res: Response, next: NextFunction) => {
    // PostgreSQL text cannot hold NUL: a %00 in a query parameter would reach a query and fail there.
    if (/%00/.test(req.url)) {
      const message = 'URL に使えない文字（NUL）が含まれています。';
      if (req.path.startsWith('/api/')) res.status(400).json({ error: 'invalid_query', message, errors: [] });
      else res.status(400).type('text/plain; charset=utf-8').send(`400 Bad Request: ${message}`);
      return;
    }
    if (SAFE.has(req.method) || req.path.startsWith('/socket.io')) return next();
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody && req.headers['content-type'] === undefined) {
      // An empty body is an empty form; without a type request.formData() would throw.
      req.headers['content-type'] = 'application/x-www-form-urlencoded';
      return next();
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (FORM_TYPES.includes(type) && (type !== 'multipart/form-data' || /boundary=/i.test(req.headers['content-type'] ?? ''))) return next();
    res
      .status(415)
      .type('text/plain; charset=utf-8')
      .send('415 Unsupported Media Type: このページはフォームの送信（application/x-www-form-urlencoded または multipart/form-data）だけを受け付けます。');
  };
}
