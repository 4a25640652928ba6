import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '../components/error-boundary';
import { ListingDetail } from '../components/listings/listing-detail';
import { listingPreview } from './__listings.server';

/* The 起業人募集 as others will see it once published; its 「公開する」 posts to the listing's own page. */

export async function loader(args: LoaderFunctionArgs) {
  return listingPreview('opening', args);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `プレビュー：${data?.listing.title ?? '掲載'}｜起業人マッチ` }, { name: 'robots', content: 'noindex' }];

export default function Preview() {
  return <ListingDetail data={useLoaderData<typeof loader>()} preview />;
}

export const ErrorBoundary = GeneralErrorBoundary;
