/*
 * 気になる: who may see what. A listing's owner learns how many organisations marked it; a marker's
 * name only when that organisation chose to show it, or made itself known on this listing anyway
 * (applied to it, or scouted it). Nobody else learns anything about the marks.
 */

export type FavouriteMarker = {
  organisationId: string;
  name: string;
  /** a member allowed the name to be shown when marking */
  showName: boolean;
  /** the organisation applied to (or scouted) this listing */
  engaged: boolean;
};

export type FavouriteSummary = { count: number; names: string[] };

/** What the owner is shown: the number of organisations, and the names that may be shown, sorted. */
export function summariseFavourites(markers: readonly FavouriteMarker[]): FavouriteSummary {
  const byOrg = new Map<string, FavouriteMarker>();
  for (const m of markers) {
    const seen = byOrg.get(m.organisationId);
    byOrg.set(m.organisationId, seen ? { ...seen, showName: seen.showName || m.showName, engaged: seen.engaged || m.engaged } : m);
  }
  const names = [...byOrg.values()]
    .filter((m) => m.showName || m.engaged)
    .map((m) => m.name)
    .sort((a, b) => a.localeCompare(b, 'ja'));
  return { count: byOrg.size, names };
}
