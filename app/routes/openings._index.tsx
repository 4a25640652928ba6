import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ListingIndex } from '../components/listings/listing-index';
import { listingIndex } from './__listings.server';

export async function loader(args: LoaderFunctionArgs) {
  return listingIndex('opening', args);
}

export const meta: MetaFunction = () => [{ title: '起業人募集の一覧｜起業人マッチ' }];

export default function OpeningsIndex() {
  return <ListingIndex data={useLoaderData<typeof loader>()} />;
}
