import type { LoaderFunctionArgs } from '@remix-run/node';
import { EXPORT_FORMATS, type ExportFormat } from '../documents/render.server';
import { contentDisposition } from '../services/downloads.server';
import { exportAgreementVersion } from '../services/agreements.server';
import { asErrorResponse, invariantResponse } from '../utils/errors';
import { idParam } from '../utils/params';
import { requireParty } from './__agreement.server';

/* /applications/:id/agreement/versions/:v/download?format=docx|pdf|html: a saved version as a file, for the two parties. */

const isFormat = (value: string): value is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(value);

export async function loader(args: LoaderFunctionArgs) {
  const { user, access } = await requireParty(args);
  const version = idParam(args.params.v, '版');
  const format = new URL(args.request.url).searchParams.get('format') ?? 'docx';
  invariantResponse(isFormat(format), '形式は docx / pdf / html のいずれかです。');
  const rendered = await exportAgreementVersion(args.context.db, user, access, version, format, { ip: args.context.clientIp }).catch(asErrorResponse);
  return new Response(new Uint8Array(rendered.body), {
    headers: {
      'Content-Type': rendered.contentType,
      'Content-Length': String(rendered.body.length),
      'Content-Disposition': contentDisposition(format === 'html' ? 'inline' : 'attachment', rendered.fileName, rendered.asciiFileName),
      'X-Draft-Version': String(rendered.stamp.draftVersion),
      'X-Content-SHA256': rendered.stamp.contentSha256,
      'Cache-Control': 'private, no-store',
    },
  });
}
