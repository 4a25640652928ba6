import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { deleteFavourite, findFavourite, findFavouriteOrganisations, findUserFavourites, upsertFavourite } from '../../db/queries/favourites';
import { findListingById } from '../../db/queries/listings';
import type { SessionUser } from '../domain/accounts/types';
import { summariseFavourites, type FavouriteSummary } from '../domain/favourites';
import { effectiveStatus, type ListingKind } from '../domain/listings';
import { can, type Resource } from '../domain/policy';
import { japanToday } from '../utils/dates';
import { ServiceError } from '../utils/errors';
import { audit } from './audit.server';

type Db = Kysely<Database>;

/** The listing as the policy sees it. */
export type FavouriteTarget = { id: number; kind: ListingKind; ownerOrganisationId: string; draft: boolean };
const resourceOf = (t: FavouriteTarget): Resource => ({ type: 'listing', listingKind: t.kind, ownerOrganisationId: t.ownerOrganisationId, published: !t.draft });

/** What a listing page shows about 気になる: the reader's own mark, and for the owner the counts. */
export type FavouritePanel = {
  /** null: this reader cannot mark the listing (anonymous, the owner, the same side, not approved) */
  mine: { marked: boolean; showName: boolean } | null;
  /** for the owning organisation only */
  owner: FavouriteSummary | null;
};

export async function favouritePanel(db: Db, viewer: SessionUser | null, target: FavouriteTarget): Promise<FavouritePanel> {
  const resource = resourceOf(target);
  const [mine, owner] = await Promise.all([
    viewer && can(viewer, 'listing.favourite', resource) ? findFavourite(db, viewer.id, target.id) : Promise.resolve(null),
    can(viewer, 'listing.edit', resource) ? findFavouriteOrganisations(db, target.id) : Promise.resolve(null),
  ]);
  return {
    mine: viewer && can(viewer, 'listing.favourite', resource) ? { marked: mine != null, showName: mine?.show_name ?? false } : null,
    owner: owner
      ? summariseFavourites(owner.map((o) => ({ organisationId: o.organisation_id, name: o.name, showName: o.show_name, engaged: o.engaged })))
      : null,
  };
}

async function targetOf(db: Db, viewer: SessionUser, kind: ListingKind, id: number) {
  const row = Number.isSafeInteger(id) ? await findListingById(db, id) : undefined;
  const target = row && row.kind === kind ? { id: row.id, kind: row.kind, ownerOrganisationId: row.organisation_id, draft: row.status === 'draft' } : null;
  if (!target || !can(viewer, 'listing.view', resourceOf(target))) throw new ServiceError(404, '掲載が見つかりません。');
  return target;
}

/**
 * Marks the listing 気になる for the user (again, with a changed name choice), or removes the mark.
 * Marking is for the side that could apply to or scout it; removing one's own mark is always allowed.
 */
export async function setFavourite(db: Db, viewer: SessionUser, kind: ListingKind, id: number, choice: { marked: boolean; showName: boolean }, ip: string) {
  const target = await targetOf(db, viewer, kind, id);
  const entry = { actor: viewer, targetType: 'listing', targetId: target.id, ip };
  if (!choice.marked) {
    await db.transaction().execute(async (trx) => {
      if (await deleteFavourite(trx, viewer.id, target.id)) await audit(trx, { ...entry, action: 'favourite.remove', details: { kind } });
    });
    return;
  }
  if (!can(viewer, 'listing.favourite', resourceOf(target))) throw new ServiceError(403, 'この掲載は「気になる」に追加できません。');
  await db.transaction().execute(async (trx) => {
    await upsertFavourite(trx, { user_id: viewer.id, listing_id: target.id, organisation_id: viewer.organisationId, show_name: choice.showName });
    await audit(trx, { ...entry, action: 'favourite.add', details: { kind, showName: choice.showName } });
  });
}

/** The user's own marked listings (the 「気になる」 page), newest mark first. */
export async function myFavourites(db: Db, viewer: SessionUser, today = japanToday()) {
  const rows = await findUserFavourites(db, viewer.id);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    status: effectiveStatus({ status: r.status, deadline: r.deadline }, today),
    closeReason: r.close_reason,
    deadline: r.deadline,
    showName: r.show_name,
    markedAt: new Date(r.created_at).toISOString(),
  }));
}
