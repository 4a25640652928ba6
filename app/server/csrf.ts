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
    const verdict = judge(req, publicHost);
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

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
