import type { LoaderFunctionArgs } from '@remix-run/node';
import { slotCalendar, slotCalendarFileName } from '../services/applications.server';
import { requireUser } from '../services/auth.server';
import { asErrorResponse } from '../utils/errors';
import { idParam } from '../utils/params';

/* /applications/:id/slots/:slotId.ics: an accepted interview slot as a calendar file, for the two parties. */

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params.id, '応募');
  const slotId = idParam(params.slotId, '面談日時');
  const ics = await slotCalendar(context.db, user, id, slotId, context.config.publicUrl).catch(asErrorResponse);
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${slotCalendarFileName(slotId)}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
