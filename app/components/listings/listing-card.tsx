import { Link } from '@remix-run/react';
import { CLOSE_REASON_LABELS, KIND_PATHS, categoryLabel, listingStatusLabel, prefectureName, typeLabel, type CloseReason, type EffectiveStatus, type ListingKind } from '../../domain/listings';
import { daysUntil, formatWareki, formatWarekiMonth } from '../../utils/dates';

export function StatusBadge({ kind, status, closeReason }: { kind: ListingKind; status: EffectiveStatus; closeReason?: CloseReason | null }) {
  const tone = { draft: 'badge-yellow', published: 'badge-green', closed: 'badge-gray', expired: 'badge-gray' }[status];
  return <span className={`badge ${tone}`}>{status === 'closed' && closeReason ? `終了（${CLOSE_REASON_LABELS[closeReason]}）` : listingStatusLabel(kind, status)}</span>;
}

export type CardData = {
  id: number;
  kind: ListingKind;
  title: string;
  summary: string;
  categories: string[];
  types: string[];
  termMinMonths: number;
  termMaxMonths: number;
  remoteOk: boolean;
  regionPrefCodes: string[];
  regionAnywhere: boolean;
  headcount: number | null;
  deadline: string | null;
  startFrom: string | null;
  organisationName: string;
  place: string | null;
  status: EffectiveStatus;
};

export function termText(min: number, max: number) {
  return min === max ? `${min}か月` : `${min}〜${max}か月`;
}

export function regionText(anywhere: boolean, codes: readonly string[]) {
  if (anywhere) return '全国どこでも';
  if (codes.length > 4) return `${codes.slice(0, 4).map(prefectureName).join('・')} ほか${codes.length - 4}県`;
  return codes.map(prefectureName).join('・');
}

/** One listing in a list: the title links to the detail page, facts follow as a description list. */
export function ListingCard({ card, headingLevel = 3 }: { card: CardData; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const left = card.deadline ? daysUntil(card.deadline) : null;
  return (
    <article className="listing-card" aria-labelledby={`listing-${card.kind}-${card.id}`}>
      <div className="flex flex-wrap gap-2">
        {card.categories.slice(0, 2).map((c) => (
          <span key={c} className="badge badge-blue">
            {categoryLabel(c)}
          </span>
        ))}
        {card.status !== 'published' ? <StatusBadge kind={card.kind} status={card.status} /> : null}
      </div>
      <H id={`listing-${card.kind}-${card.id}`} className="text-lg font-bold leading-snug">
        <Link to={`${KIND_PATHS[card.kind]}/${card.id}`}>{card.title}</Link>
      </H>
      <p className="text-sm text-solid-gray-700">{card.kind === 'opening' ? (card.place ?? card.organisationName) : card.organisationName}</p>
      <p className="line-clamp-3 text-base">{card.summary}</p>
      <dl className="mt-auto grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="font-bold">類型</dt>
        <dd>{card.types.map(typeLabel).join('・')}</dd>
        <dt className="font-bold">期間</dt>
        <dd>{termText(card.termMinMonths, card.termMaxMonths)}</dd>
        {card.kind === 'solution' ? (
          <>
            <dt className="font-bold">地域</dt>
            <dd>{regionText(card.regionAnywhere, card.regionPrefCodes)}</dd>
          </>
        ) : null}
        {card.startFrom ? (
          <>
            <dt className="font-bold">{card.kind === 'opening' ? '開始' : '開始可能'}</dt>
            <dd>{formatWarekiMonth(card.startFrom)}</dd>
          </>
        ) : null}
        {card.deadline ? (
          <>
            <dt className="font-bold">締切</dt>
            <dd>
              <time dateTime={card.deadline}>{formatWareki(card.deadline)}</time>
              {left !== null && left >= 0 && left <= 14 ? <span className="ml-2 font-bold text-red-900">あと{left}日</span> : null}
            </dd>
          </>
        ) : null}
        {card.remoteOk ? (
          <>
            <dt className="font-bold">働き方</dt>
            <dd>一部リモート可</dd>
          </>
        ) : null}
      </dl>
    </article>
  );
}

export function ListingGrid({ cards, empty }: { cards: CardData[]; empty: string }) {
  if (cards.length === 0) return <p className="rounded-lg bg-solid-gray-50 p-6">{empty}</p>;
  return (
    <ul className="listing-grid">
      {cards.map((c) => (
        <li key={`${c.kind}-${c.id}`} className="flex">
          <div className="flex w-full flex-col [&>article]:h-full">
            <ListingCard card={c} />
          </div>
        </li>
      ))}
    </ul>
  );
}
