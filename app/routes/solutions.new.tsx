import type { MetaFunction } from '@remix-run/node';
import { ListingNewPage } from '../components/listings/pages/new-page';
import { newAction, newLoader } from '../services/listing-routes.server';

export const loader = newLoader('solution');
export const action = newAction('solution');
export const meta: MetaFunction = () => [{ title: 'ソリューションを掲載する｜起業人マッチ' }];

export default function Page() {
  return <ListingNewPage />;
}
