import { Form, Link } from '@remix-run/react';
import { eligibleTypesText } from '../../domain/proposals';
import { KIND_PATHS, type ListingKind } from '../../domain/listings';
import type { ProgramType } from '../../domain/vocabulary';
import type { ProposalView } from '../../services/proposal-pages.server';
import { SubmitButton } from '../forms';
import { termText } from '../listings/listing-card';

/** What the page says after 提案を非表示 (the listing's page, the home page and 「あなたへの提案」). */
export const DISMISSED_MESSAGE = '提案を非表示にしました。この組み合わせは今後提案しません。';

/** Where a proposal's buttons come back to: 「あなたへの提案」, the home page, or the listing's own page. */
export type ProposalBack = 'proposals' | 'home' | 'listing';

/**
 * Proposals as a list: the other side's listing, the programme type that works, the reasons in
 * Japanese, the one step (応募 / スカウト) and 提案を非表示. Both buttons are plain form posts to
 * /proposals, so they work without JavaScript.
 */
export function ProposalList({ proposals, back, showFor = false, headingLevel = 3 }: { proposals: ProposalView[]; back: ProposalBack; showFor?: boolean; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="space-y-4" data-testid="proposal-list">
      {proposals.map((p) => {
        const l = p.listing;
        const key = `${p.openingId}-${p.solutionId}`;
        return (
          <li key={key} className="card space-y-2" data-testid="proposal">
            <H id={`proposal-${key}`} className="text-lg font-bold leading-snug">
              <Link to={`${KIND_PATHS[l.kind]}/${l.id}`}>{l.title}</Link>
            </H>
            <p className="text-sm text-solid-gray-700">
              {l.kind === 'opening' ? (l.place ?? l.organisationName) : l.organisationName}・{termText(l.termMinMonths, l.termMaxMonths)}
              {showFor ? `・あなたの掲載「${p.forListing.title}」への提案` : ''}
            </p>
            {p.types.length ? <p className="badge badge-green">{eligibleTypesText(p.types as ProgramType[])}</p> : null}
            <ul className="list-disc pl-6 text-sm" aria-label="提案の理由">
              {p.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <div className="flex flex-wrap items-center gap-3">
              <Form method="post" action="/proposals">
                <ProposalFields p={p} back={back} />
                <SubmitButton name="intent" value={`act:${key}`} className="btn-primary btn-small" aria-describedby={`proposal-${key}`}>
                  {p.step === '応募' ? '応募する' : 'スカウトする'}
                </SubmitButton>
              </Form>
              <Form method="post" action="/proposals">
                <ProposalFields p={p} back={back} />
                <SubmitButton name="intent" value={`dismiss:${key}`} className="btn-secondary btn-small" aria-describedby={`proposal-${key}`}>
                  提案を非表示
                </SubmitButton>
              </Form>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function ProposalFields({ p, back }: { p: ProposalView; back: ProposalBack }) {
  return (
    <>
      <input type="hidden" name="openingId" value={p.openingId} />
      <input type="hidden" name="solutionId" value={p.solutionId} />
      <input type="hidden" name="back" value={back} />
    </>
  );
}

/** The 「マッチング提案」 section of a listing's page, for its organisation. */
export function ListingProposals({ kind, proposals }: { kind: ListingKind; proposals: ProposalView[] }) {
  return (
    <section aria-labelledby="proposals-title" className="mb-8" data-testid="listing-proposals">
      <h2 id="proposals-title" className="section-title">
        マッチング提案
      </h2>
      <p className="mb-4 text-sm text-solid-gray-700">
        {kind === 'opening' ? 'この募集に、制度の対象となるソリューションを合う順に提案しています。' : 'このソリューションを送れる（制度の対象となる）起業人募集を合う順に提案しています。'}
        <Link to="/proposals">すべての提案</Link>
      </p>
      {proposals.length ? <ProposalList proposals={proposals} back="listing" /> : <p>いまお出しできる提案はありません。</p>}
    </section>
  );
}
