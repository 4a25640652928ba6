import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { formSchema } from '../schemas/form';
import { KIND_PATHS, type ListingKind } from '../domain/listings';
import { requireUser } from '../services/auth.server';
import { setFavourite } from '../services/favourites.server';
import { asErrorResponse, invariantResponse } from '../utils/errors';
import { parseSubmission, readFormData } from '../utils/forms.server';
import { idParam } from '../utils/params';

/*
 * 気になる: the mark/unmark button of /openings/:id and /solutions/:id posts to
 * /openings/:id/favourite (/solutions/:id/favourite); a plain form post answered with a redirect,
 * so it works without JavaScript, and a fetcher gets the same answer.
 */

const FavouriteForm = formSchema({
  intent: z.enum(['add', 'remove']),
  showName: z.literal('on').optional(),
  /** where the button was: the listing's page, or the user's 「気になる」 list */
  back: z.enum(['listing', 'favourites']).default('listing'),
  /** sent by the page's fetcher: answer with data, the page revalidates itself */
  via: z.literal('fetcher').optional(),
});

export async function favouriteAction(kind: ListingKind, { request, context, params }: ActionFunctionArgs) {
  const id = idParam(params.id, '掲載');
  const user = await requireUser(request, context);
  // A one-button form: nothing typed to show again, so a malformed post is a plain 400.
  const parsed = await parseSubmission(await readFormData(request), FavouriteForm);
  invariantResponse(parsed.ok, '送信内容が正しくありません。', { status: 400 });
  const { intent, showName, back, via } = parsed.value;
  await setFavourite(context.db, user, kind, id, { marked: intent === 'add', showName: showName === 'on' }, context.clientIp).catch(asErrorResponse);
  if (via === 'fetcher') return json({ ok: true, marked: intent === 'add' });
  if (back === 'favourites') return redirect('/my/favourites?done=removed');
  return redirect(`${KIND_PATHS[kind]}/${id}?done=${intent === 'add' ? 'favourited' : 'unfavourited'}`);
}

/** The address itself only leads back to the listing (no GET changes anything). */
export async function favouriteLoader(kind: ListingKind, { params }: LoaderFunctionArgs) {
  return redirect(`${KIND_PATHS[kind]}/${idParam(params.id, '掲載')}`);
}
