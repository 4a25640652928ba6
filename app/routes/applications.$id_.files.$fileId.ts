import type { LoaderFunctionArgs } from '@remix-run/node';
import { conversationOf } from '../services/applications.server';
import { requireUser } from '../services/auth.server';
import { chatAttachmentResponse } from '../services/chat.server';
import { asErrorResponse } from '../utils/errors';
import { idParam } from '../utils/params';

/* /applications/:id/files/:fileId: a file attached in the conversation, for its two parties only. */

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  // Only the conversation id is needed: the history is not loaded.
  const conversationId = await conversationOf(context.db, user, idParam(params.id, '応募')).catch(asErrorResponse);
  return chatAttachmentResponse(context.db, user, conversationId, params.fileId ?? '', { dataDir: context.config.dataDir }).catch(asErrorResponse);
}
