import { attachmentLoader } from '../services/listing-routes.server';

/** Downloads of a listing's attachments (a resource route: no page, just the file). */
export const loader = attachmentLoader('solution');
