import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { submissionPageHeaders } from '../components/forms';
import { ListingNew } from '../components/listings/listing-form';
import { createListingAction, newListingPage } from './__listings.server';

export async function loader(args: LoaderFunctionArgs) {
  return newListingPage('opening', args);
}

export async function action(args: ActionFunctionArgs) {
  return createListingAction('opening', args);
}

export const headers = submissionPageHeaders;

export const meta: MetaFunction = () => [{ title: '起業人を募集する｜起業人マッチ' }];

export default function NewOpening() {
  return <ListingNew data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()?.result} />;
}
