/** Control characters, every kind of whitespace (tab, CR, LF, U+3000 …), invisible format characters and backslashes. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const UNSAFE_IN_REDIRECT = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;
/** A path segment that is `.` or `..`, written out or percent-encoded. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|\?|#|$)/i;

/**
 * Safe redirect targets: a path on this site only. The target must start with one `/`, contain no
 * control character, whitespace or backslash (in its path also after percent-decoding), no `.`/`..` segment,
 * and resolve (new URL(to, base)) to the same origin as `base` (PUBLIC_URL). Anything else gives
 * `fallback`. The answer is the resolved path, percent-encoded, so it is always a valid header value.
 */
export function safeRedirect(to: unknown, base = 'http://localhost', fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.length > 2000) return fallback;
  if (UNSAFE_IN_REDIRECT.test(to)) return fallback;
  // The path (not the query, where an encoded space is ordinary) is also checked after decoding.
  const pathPart = to.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return fallback;
  }
  if (UNSAFE_IN_REDIRECT.test(decoded) || decoded.startsWith('//') || DOT_SEGMENT.test(pathPart) || DOT_SEGMENT.test(decoded)) return fallback;
  let origin: string;
  let url: URL;
  try {
    origin = new URL(base).origin;
    url = new URL(to, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin || url.pathname.startsWith('//')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
