import { describe, expect, it } from 'vitest';
import { summariseFavourites, type FavouriteMarker } from '../../../app/domain/favourites';

const m = (organisationId: string, name: string, showName = false, engaged = false): FavouriteMarker => ({ organisationId, name, showName, engaged });

describe('summariseFavourites: what a listing owner learns about the 気になる marks', () => {
  it('counts organisations, not users, and names nobody by default', () => {
    expect(summariseFavourites([m('a', '株式会社あ'), m('a', '株式会社あ'), m('b', '株式会社い')])).toEqual({ count: 2, names: [] });
  });

  it('names an organisation that allowed it, or that applied to / scouted the listing', () => {
    expect(summariseFavourites([m('a', '株式会社う', true), m('b', '株式会社い', false, true), m('c', '株式会社あ')])).toEqual({ count: 3, names: ['株式会社い', '株式会社う'] });
  });

  it('names an organisation when any one of its members allowed it', () => {
    expect(summariseFavourites([m('a', '株式会社あ', false), m('a', '株式会社あ', true)])).toEqual({ count: 1, names: ['株式会社あ'] });
  });

  it('is empty without marks', () => {
    expect(summariseFavourites([])).toEqual({ count: 0, names: [] });
  });
});
