import type { MetaFunction } from '@remix-run/node';
import { ListingDetailPage } from '../components/listings/pages/detail-page';
import { detailAction, detailLoader } from '../services/listing-routes.server';

export const loader = detailLoader('opening');
export const action = detailAction('opening');
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.listing.title}｜起業人募集｜起業人マッチ` }, { name: 'description', content: data.description }] : [{ title: '起業人マッチ' }];

export default function Page() {
  return <ListingDetailPage />;
}
