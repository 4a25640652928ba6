import type { AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import { agreementAccess } from '../services/agreements.server';
import { assertCan, requireUser } from '../services/auth.server';
import { asErrorResponse } from '../utils/errors';
import { idParam } from '../utils/params';

/*
 * The guard the agreement routes share (/applications/:id/agreement, its versions and downloads):
 * the signed-in party and the agreement access, resolved once per request and passed down to every
 * service call. 404 for an unknown application, 403 for anyone but the two parties, log-in for
 * anonymous visitors.
 */

export const NO_STORE = { 'Cache-Control': 'private, no-store' };

export async function requireParty({ request, context, params }: Pick<LoaderFunctionArgs, 'request' | 'context' | 'params'>) {
  const user = await requireUser(request, context);
  const access = await agreementAccess(context.db, idParam(params.id, '応募')).catch(asErrorResponse);
  assertCan(request, user, 'agreement.view', access.resource);
  return { user, access };
}

export const writeOptions = (context: AppLoadContext) => ({ ip: context.clientIp, publicUrl: context.config.publicUrl, hub: context.chat });
