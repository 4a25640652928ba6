import { Form, useFetcher } from '@remix-run/react';
import type { FormEvent } from 'react';
import type { FavouritePanel as PanelData } from '../../services/favourites.server';

/** What a page says after the 気になる button (the listing's page, the 「気になる」 list). */
export const FAVOURITE_MESSAGES = { favourited: '「気になる」に登録しました。', unfavourited: '「気になる」から外しました。' } as const;

/**
 * 気になる on a listing page. The button is a plain form post (answered with a redirect back here),
 * so it works without JavaScript; with JavaScript a fetcher sends it and the page stays where it is.
 */
export function FavouriteButton({ action, mine }: { action: string; mine: NonNullable<PanelData['mine']> }) {
  const fetcher = useFetcher<{ ok: boolean }>();
  // While the fetcher is out, show the state it asked for.
  const pending = fetcher.formData?.get('intent');
  const marked = pending ? pending === 'add' : mine.marked;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    data.set('via', 'fetcher');
    fetcher.submit(data, { method: 'post', action });
  };
  return (
    <Form method="post" action={action} onSubmit={submit} className="mt-4 space-y-2" data-testid="favourite-form">
      <input type="hidden" name="intent" value={marked ? 'remove' : 'add'} />
      {marked ? null : (
        <label className="checkbox-row text-sm">
          <input type="checkbox" name="showName" className="checkbox" defaultChecked={mine.showName} />
          <span>掲載者に団体名を知らせる</span>
        </label>
      )}
      <button type="submit" className="btn-secondary w-full" aria-pressed={marked} disabled={fetcher.state !== 'idle'}>
        <span aria-hidden="true">{marked ? '★ ' : '☆ '}</span>
        気になる
      </button>
      <p className="text-sm text-solid-gray-700" role="status">
        {marked ? '「気になる」に登録しています。' : '登録すると、自分の「気になる」一覧から見返せます。'}
      </p>
    </Form>
  );
}

/** For the listing's own organisation: how many organisations marked it, and the names it may see. */
export function FavouriteSummary({ owner }: { owner: NonNullable<PanelData['owner']> }) {
  return (
    <div className="mt-4" data-testid="favourite-summary">
      <p className="font-bold">{`「気になる」登録：${owner.count}団体`}</p>
      {owner.names.length ? (
        <p className="text-sm">
          {`団体名の分かる登録：${owner.names.join('、')}`}
        </p>
      ) : null}
      <p className="text-sm text-solid-gray-700">団体名は、その団体が名前を知らせることを選んだか、この掲載に応募・スカウトした場合にだけ表示されます。</p>
    </div>
  );
}
