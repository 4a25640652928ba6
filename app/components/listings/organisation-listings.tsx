import { KIND_LABELS, KIND_PATHS, categoryLabel, type EffectiveStatus, type ListingKind } from '../../domain/listings';
import { formatWareki } from '../../utils/dates';
import { StatusBadge } from './listing-card';

export type OrgListing = { id: number; kind: ListingKind; title: string; summary: string; status: EffectiveStatus; deadline: string | null; categories: string[] };

/**
 * The listings section of a public organisation page (/orgs/:id). Feed it
 * `organisationListings(db, viewer, orgId)` from app/services/listings.server.ts.
 */
export function OrganisationListings({ listings }: { listings: OrgListing[] }) {
  const groups = (['opening', 'solution'] as const).map((k) => ({ kind: k, items: listings.filter((l) => l.kind === k) })).filter((g) => g.items.length);
  if (!groups.length) return <p>公開中の掲載はありません。</p>;
  return (
    <div className="space-y-8">
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`org-${g.kind}`}>
          <h2 id={`org-${g.kind}`} className="section-title">
            {KIND_LABELS[g.kind]}（{g.items.length}件）
          </h2>
          <ul className="space-y-4">
            {g.items.map((l) => (
              <li key={l.id} className="card">
                <div className="mb-2 flex flex-wrap gap-2">
                  <StatusBadge kind={l.kind} status={l.status} />
                  {l.categories.slice(0, 2).map((c) => (
                    <span key={c} className="badge badge-blue">
                      {categoryLabel(c)}
                    </span>
                  ))}
                </div>
                <h3 className="text-lg font-bold">
                  <a href={`${KIND_PATHS[l.kind]}/${l.id}`}>{l.title}</a>
                </h3>
                <p>{l.summary}</p>
                {l.deadline ? <p className="text-sm">締切: {formatWareki(l.deadline)}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
