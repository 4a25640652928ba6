import type { LoaderFunctionArgs } from '@remix-run/node';
import { organisationProfile } from '../services/accounts.server';
import { getOptionalUser } from '../services/auth.server';
import { profilePhoto } from '../services/profiles.server';
import { asErrorResponse } from '../utils/errors';
import { isUuid } from '../utils/params';
import type { OrganisationStatus, Role } from '../domain/accounts/types';

/**
 * An individual's profile photo: the re-encoded WebP, to the readers who may see the profile
 * (municipalities, operators, the individual); 404 for everyone else. Never cached by shared caches
 * (the server adds `X-Content-Type-Options: nosniff` to every answer).
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = params.id ?? '';
  const user = await getOptionalUser(request, context);
  const row = isUuid(id) ? await organisationProfile(context.db, id) : null;
  const org = row ? { id: row.id, kind: row.kind as Role, status: row.status as OrganisationStatus } : null;
  const photo = await profilePhoto(context.db, user, id, org).catch(asErrorResponse);
  return new Response(new Uint8Array(photo), {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(photo.byteLength),
      'Cache-Control': 'private, max-age=3600',
      'Content-Disposition': 'inline',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
  });
}
