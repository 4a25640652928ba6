import faviconIco from '../../public/favicon.ico';

/**
 * /favicon.ico, which browsers and feed readers ask for without reading the page: a redirect to the
 * build's copy of the icon (hashed name, cached for a year). The redirect itself is cached for a day,
 * so a new icon is picked up after the next release.
 */
export function loader() {
  return new Response(null, { status: 302, headers: { Location: faviconIco, 'Cache-Control': 'public, max-age=86400' } });
}
