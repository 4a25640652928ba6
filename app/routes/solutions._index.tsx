import type { MetaFunction } from '@remix-run/node';
import { ListingIndexPage } from '../components/listings/pages/index-page';
import { indexLoader } from '../services/listing-routes.server';

export const loader = indexLoader('solution');
export const meta: MetaFunction = () => [{ title: 'ソリューションの一覧｜起業人マッチ' }];

export default function Page() {
  return <ListingIndexPage />;
}
