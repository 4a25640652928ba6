import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { favouriteAction, favouriteLoader } from './__favourites.server';

export async function loader(args: LoaderFunctionArgs) {
  return favouriteLoader('opening', args);
}

export async function action(args: ActionFunctionArgs) {
  return favouriteAction('opening', args);
}
