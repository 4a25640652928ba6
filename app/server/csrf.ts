import type { NextFunction, Request, Response } from 'express';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery check for every state-changing request, on top of SameSite=Lax
 * cookies: a browser request must come from this site. Browsers say where a request comes from in
 * Sec-Fetch-Site, Origin or Referer; a request carrying none of them is not from a browser
 * (curl, scripts), cannot ride on a victim's cookies, and is let through, as Go's
 * http.CrossOriginProtection does.
 */
export function sameOriginOnly(publicUrl: string) {
  const publicHost = new URL(publicUrl).host;
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next();
    const verdict = judge(req, publicHost) ?? originAgainstHost(req);
    if (verdict === null) return next();
    res
      .status(403)
      .type('text/plain; charset=utf-8')
      .send(`403 Forbidden: 別のサイトから送信されたリクエストは受け付けません（${verdict}）。このサイトのページからもう一度操作してください。`);
  };
}

/** null when the request may proceed, else the reason for refusing it. */
function judge(req: Request, publicHost: string): string | null {
  const hosts = new Set([publicHost, req.headers.host].filter(Boolean));
  const fetchSite = req.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string') {
    if (fetchSite === 'same-origin' || fetchSite === 'none') return null;
    return `Sec-Fetch-Site: ${fetchSite}`;
  }
  const origin = req.headers.origin;
  if (typeof origin === 'string') {
    return hostOf(origin) !== null && hosts.has(hostOf(origin)!) ? null : `Origin: ${origin.slice(0, 100)} が ${[...hosts].join(' / ')} と一致しません`;
  }
  const referer = req.headers.referer;
  if (typeof referer === 'string') {
    return hostOf(referer) !== null && hosts.has(hostOf(referer)!) ? null : `Referer のサイトが ${[...hosts].join(' / ')} と一致しません`;
  }
  return null;
}

/**
 * Remix refuses an action whose Origin is not the host the request was sent to (X-Forwarded-Host,
 * else Host), but by throwing, which answers a bare 500. The same rule here answers a 403 that says
 * why: a hostile client's Origin, and a proxy that passes neither Host nor X-Forwarded-Host on (the
 * page's Origin is the public URL, the request arrives for another host).
 */
function originAgainstHost(req: Request): string | null {
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return null;
  const forwarded = req.headers['x-forwarded-host'];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() || req.headers.host;
  const originHost = origin === 'null' ? 'null' : hostOf(origin);
  if (host && originHost === host) return null;
  return `Origin: ${origin.slice(0, 100)} が、このリクエストの送り先 ${host ? host.slice(0, 100) : '（なし）'} と一致しません。プロキシは Host または X-Forwarded-Host を転送してください`;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
