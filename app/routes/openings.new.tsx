import type { MetaFunction } from '@remix-run/node';
import { ListingNewPage } from '../components/listings/pages/new-page';
import { newAction, newLoader } from '../services/listing-routes.server';

export const loader = newLoader('opening');
export const action = newAction('opening');
export const meta: MetaFunction = () => [{ title: '起業人を募集する｜起業人マッチ' }];

export default function Page() {
  return <ListingNewPage />;
}
