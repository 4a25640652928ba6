import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { countAttachments, deleteAttachmentRow, findAttachment, findListingById, findListingForUpdate, insertAttachment } from '../../db/queries/listings';
import type { SessionUser } from '../domain/accounts/types';
import { ATTACHMENT_RULES, isAllowedAttachmentMime, safeFileName, type ListingKind } from '../domain/listings';
import { can } from '../domain/policy';
import { ServiceError } from '../utils/errors';
import { fileDownloadResponse } from './downloads.server';
import { isUuid } from '../utils/params';

/*
 * Attachments are judged by their bytes, never by the name or the browser's declared type: a
 * renamed executable or an HTML page called "資料.pdf" is refused. Files are stored under
 * DATA_DIR/uploads with a random name and no extension, and served as downloads with nosniff.
 */

export type AttachmentResult = { ok: true; id: string } | { ok: false; message: string };

export const uploadDir = (dataDir: string) => path.join(dataDir, 'uploads', 'listings');
const filePath = (dataDir: string, listingId: number, id: string) => path.join(uploadDir(dataDir), String(listingId), id);

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}MB`;

/** Checks a file's content; returns the real type or a Japanese reason. */
export async function inspectAttachment(bytes: Uint8Array): Promise<{ ok: true; mime: (typeof ATTACHMENT_RULES.mimeTypes)[number] } | { ok: false; message: string }> {
  if (bytes.byteLength === 0) return { ok: false, message: 'ファイルが空です。' };
  if (bytes.byteLength > ATTACHMENT_RULES.maxBytes) return { ok: false, message: `ファイルは${mb(ATTACHMENT_RULES.maxBytes)}以下にしてください。` };
  // Loaded on the first upload, not at start-up (its sniffers hold memory every process would pay for).
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  if (!isAllowedAttachmentMime(detected?.mime)) {
    return { ok: false, message: '添付できるのはPDF・PNG・JPEG・WebPのファイルだけです（ファイルの中身で判定しています）。' };
  }
  return { ok: true, mime: detected.mime };
}

export async function addAttachment(
  db: Kysely<Database>,
  actor: SessionUser,
  target: { kind: ListingKind; id: number },
  file: { name: string; bytes: Uint8Array },
  opts: { dataDir: string; ip?: string },
): Promise<AttachmentResult> {
  const checked = await inspectAttachment(file.bytes);
  if (!checked.ok) return checked;
  const id = randomUUID();
  const dest = filePath(opts.dataDir, target.id, id);
  await mkdir(path.dirname(dest), { recursive: true });
  await writeFile(dest, file.bytes, { mode: 0o640 });
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await findListingForUpdate(trx, target.id);
      const resource = row && { type: 'listing' as const, listingKind: row.kind, ownerOrganisationId: row.organisation_id, published: row.status !== 'draft' };
      if (!row || row.kind !== target.kind || !can(actor, 'listing.view', resource!)) throw new ServiceError(404, '掲載が見つかりません。');
      if (!can(actor, 'listing.edit', resource!)) throw new ServiceError(403, '添付ファイルを追加できるのは掲載した団体の方だけです。');
      if ((await countAttachments(trx, target.id)) >= ATTACHMENT_RULES.maxPerListing) {
        throw new RefusedUpload(`添付ファイルは${ATTACHMENT_RULES.maxPerListing}件までです。不要なファイルを削除してから追加してください。`);
      }
      await insertAttachment(trx, {
        id,
        listing_id: target.id,
        file_name: safeFileName(file.name, checked.mime),
        mime: checked.mime,
        size_bytes: file.bytes.byteLength,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        user_id: actor.id,
      });
      return { ok: true as const, id };
    });
  } catch (error) {
    await rm(dest, { force: true });
    if (error instanceof RefusedUpload) return { ok: false, message: error.message };
    throw error;
  }
}

class RefusedUpload extends Error {}

export async function removeAttachment(db: Kysely<Database>, actor: SessionUser, target: { kind: ListingKind; id: number }, attachmentId: string, opts: { dataDir: string }) {
  const removed = await db.transaction().execute(async (trx) => {
    const row = await findListingForUpdate(trx, target.id);
    if (!row || row.kind !== target.kind || !can(actor, 'listing.edit', { type: 'listing', listingKind: row.kind, ownerOrganisationId: row.organisation_id, published: row.status !== 'draft' })) {
      throw new ServiceError(404, '掲載が見つかりません。');
    }
    return deleteAttachmentRow(trx, target.id, attachmentId);
  });
  if (removed) await rm(filePath(opts.dataDir, target.id, attachmentId), { force: true });
  return Boolean(removed);
}

/** A download as a web Response: attachment disposition with the Japanese name (RFC 5987), nosniff, no caching by proxies. */
export async function attachmentResponse(db: Kysely<Database>, viewer: SessionUser | null, target: { kind: ListingKind; id: number }, attachmentId: string, opts: { dataDir: string }) {
  const listing = Number.isSafeInteger(target.id) ? await findListingById(db, target.id) : undefined;
  if (!listing || listing.kind !== target.kind || !can(viewer, 'listing.view', { type: 'listing', listingKind: listing.kind, ownerOrganisationId: listing.organisation_id, published: listing.status !== 'draft' })) {
    throw new ServiceError(404, '掲載が見つかりません。');
  }
  const row = isUuid(attachmentId) ? await findAttachment(db, target.id, attachmentId) : undefined;
  if (!row) throw new ServiceError(404, '添付ファイルが見つかりません。');
  return fileDownloadResponse(filePath(opts.dataDir, target.id, row.id), {
    fileName: row.file_name,
    mime: row.mime,
    sizeBytes: row.size_bytes,
    cacheControl: listing.status === 'draft' ? 'private, no-store' : 'private, max-age=300',
  });
}
