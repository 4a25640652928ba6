import type { LoaderFunctionArgs } from '@remix-run/node';
import { listingAttachment } from './__listings.server';

/** Downloads of a listing's attachments (a resource route: no page, just the file). */
export async function loader(args: LoaderFunctionArgs) {
  return listingAttachment('solution', args);
}
