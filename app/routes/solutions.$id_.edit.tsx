import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ListingEdit } from '../components/listings/listing-edit';
import { editListingAction, editListingPage } from './__listings.server';

export async function loader(args: LoaderFunctionArgs) {
  return editListingPage('solution', args);
}

export async function action(args: ActionFunctionArgs) {
  return editListingAction('solution', args);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? '掲載'}を編集｜起業人マッチ` }];

export default function EditSolution() {
  return <ListingEdit data={useLoaderData<typeof loader>()} failed={useActionData<typeof action>()} />;
}
