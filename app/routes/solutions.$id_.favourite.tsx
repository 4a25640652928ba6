import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { favouriteAction, favouriteLoader } from './__favourites.server';

export async function loader(args: LoaderFunctionArgs) {
  return favouriteLoader('solution', args);
}

export async function action(args: ActionFunctionArgs) {
  return favouriteAction('solution', args);
}
