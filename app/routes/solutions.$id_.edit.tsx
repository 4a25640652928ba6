import type { MetaFunction } from '@remix-run/node';
import { ListingEditPage } from '../components/listings/pages/edit-page';
import { editAction, editLoader } from '../services/listing-routes.server';

export const loader = editLoader('solution');
export const action = editAction('solution');
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? '掲載'}を編集｜起業人マッチ` }];

export default function Page() {
  return <ListingEditPage />;
}
