import type { MetaFunction } from '@remix-run/node';
import { ListingIndexPage } from '../components/listings/pages/index-page';
import { indexLoader } from '../services/listing-routes.server';

export const loader = indexLoader('opening');
export const meta: MetaFunction = () => [{ title: '起業人募集の一覧｜起業人マッチ' }];

export default function Page() {
  return <ListingIndexPage />;
}
