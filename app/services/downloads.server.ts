import { createReadStream } from 'node:fs';
import { create } from 'content-disposition';

/** Characters no file system takes in a name (and control characters), replaced before the name is sent. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|]/g;

/**
 * A plain-ASCII name for clients that cannot read the UTF-8 form: full-width letters and digits become
 * ASCII (NFKC), everything else non-ASCII becomes _, and a name left without a letter or digit becomes
 * download.<ext>. 「協定書_海士町_版3.docx」 → "download.docx", 「資料Ａ-2.pdf」 → "_A-2.pdf".
 */
export function asciiFileName(fileName: string): string {
  const ascii = fileName
    .normalize('NFKC')
    .replace(UNSAFE, '_')
    .replace(/[^\x20-\x7e]+/g, '_')
    .replace(/_+/g, '_');
  const dot = ascii.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [ascii.slice(0, dot), ascii.slice(dot)] : [ascii, ''];
  return /[A-Za-z0-9]/.test(stem) ? ascii : `download${/^\.[A-Za-z0-9]+$/.test(ext) ? ext : ''}`;
}

/**
 * The one Content-Disposition builder (RFC 6266): `filename="<ASCII>"` for old clients and, when the name
 * is not plain ASCII, `filename*=UTF-8''<percent-encoded>` (RFC 8187, formerly 5987), which browsers
 * prefer. Give `asciiFallback` when a better ASCII name than the derived one is known
 * (agreement-dispatch-v3.docx for 「協定書_海士町_株式会社みらい地域創生_版3.docx」).
 */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string, asciiFallback?: string): string {
  const name = fileName.normalize('NFC').replace(UNSAFE, '_').trim() || 'download';
  const fallback = asciiFileName(asciiFallback ?? name);
  return create(name, { type: kind, fallback: /^[\x20-\x7e]*$/.test(name) ? false : fallback });
}

/**
 * A stored upload as a download: streamed from disk, never rendered by the browser (attachment
 * disposition, nosniff, a sandboxing CSP), cached only as the caller allows.
 */
export function fileDownloadResponse(filePath: string, file: { fileName: string; mime: string; sizeBytes: number; cacheControl: string }): Response {
  const stream = createReadStream(filePath);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stream.on('data', (chunk) => controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk)));
      stream.on('end', () => controller.close());
      stream.on('error', (e) => controller.error(e));
    },
    cancel() {
      stream.destroy();
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': file.mime,
      'Content-Length': String(file.sizeBytes),
      'Content-Disposition': contentDisposition('attachment', file.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': file.cacheControl,
    },
  });
}
