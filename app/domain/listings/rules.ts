/** Limits shared by the form schema, the database checks and the seed. */
export const LIMITS = {
  titleMax: 80,
  summaryMax: 200,
  longTextMax: 6000,
  shortTextMax: 2000,
  termMinMonths: 6,
  termMaxMonths: 36,
  daysOnSiteMax: 31,
  budgetMaxManYen: 10_000,
  headcountMax: 99,
  openingCategoriesMax: 3,
  solutionCategoriesMax: 5,
  /** A deadline further out than this is almost certainly a typo (e.g. 2062 for 2026). */
  deadlineMaxDaysAhead: 400,
} as const;

export const ATTACHMENT_RULES = {
  maxBytes: 10 * 1024 * 1024,
  maxPerListing: 5,
  mimeTypes: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'],
} as const;

export type AttachmentMime = (typeof ATTACHMENT_RULES.mimeTypes)[number];

export function isAllowedAttachmentMime(mime: string | undefined): mime is AttachmentMime {
  return mime !== undefined && (ATTACHMENT_RULES.mimeTypes as readonly string[]).includes(mime);
}

export const EXTENSION_BY_MIME: Record<AttachmentMime, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

/** A download name without path parts or control characters, keeping Japanese; the extension follows the real type. */
export function safeFileName(name: string, mime: AttachmentMime): string {
  const base = name
    .split(/[\\/]/)
    .pop()!
    .replace(/[\p{Cc}"<>|:*?]/gu, '')
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, 100);
  return `${base || 'attachment'}.${EXTENSION_BY_MIME[mime]}`;
}
