import { createReadStream } from 'node:fs';

/** Content-Disposition with an ASCII fallback name and the RFC 5987 UTF-8 form, as browsers expect. */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
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
