import { categoryLabel } from './categories';
import type { Listing } from './model';
import { prefectureName } from './prefectures';
import type { SearchDocument } from '../vocabulary';

/**
 * Search sees the whole text (summary first, then the kind's long texts), the skills as items,
 * and the first category as the primary one; a solution's regions are added as words so that
 * 「島根」 finds a company that works in 島根県.
 */
export function toSearchDocument(
  listing: Listing,
  municipality: { name: string; prefName: string; eligible1433: boolean; eligible1375: boolean } | null,
): SearchDocument {
  const regions = listing.kind === 'solution' ? (listing.regionAnywhere ? '全国対応' : listing.regionPrefCodes.map(prefectureName).join(' ')) : '';
  return {
    id: String(listing.id),
    kind: listing.kind,
    title: listing.title,
    body: [listing.summary, listing.body, listing.duties, listing.trackRecord, listing.conditions, listing.categories.slice(1).map(categoryLabel).join(' '), regions]
      .filter(Boolean)
      .join('\n\n'),
    skills: listing.skills
      .split(/[\n、,，・]/)
      .map((s) => s.replace(/^[\s>*+-]+|[*_`]/g, '').trim())
      .filter((s) => s.length > 0 && s.length <= 80),
    category: categoryLabel(listing.categories[0] ?? 'other'),
    types: listing.types,
    prefecture: municipality?.prefName ?? (listing.prefCode ? prefectureName(listing.prefCode) : null),
    prefCode: listing.prefCode,
    municipality: municipality?.name ?? null,
    lgCode: listing.lgCode,
    remoteOk: listing.remoteOk,
    termMonths: listing.termMaxMonths,
    status: listing.status,
    publishedAt: listing.publishedAt,
    updatedAt: listing.updatedAt,
    ...(municipality ? { eligible1433: municipality.eligible1433, eligible1375: municipality.eligible1375 } : {}),
  };
}
