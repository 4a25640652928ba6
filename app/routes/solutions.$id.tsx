import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '../components/error-boundary';
import { ListingDetail } from '../components/listings/listing-detail';
import { listingDetail, listingLifecycleAction } from './__listings.server';

export async function loader(args: LoaderFunctionArgs) {
  return listingDetail('solution', args);
}

export async function action(args: ActionFunctionArgs) {
  return listingLifecycleAction('solution', args);
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.listing.title}｜ソリューション｜起業人マッチ` }, { name: 'description', content: data.description }] : [{ title: '起業人マッチ' }];

export default function SolutionPage() {
  return <ListingDetail data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()?.result} />;
}

export const ErrorBoundary = GeneralErrorBoundary;
