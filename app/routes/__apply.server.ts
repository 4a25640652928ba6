import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node';
import type { ListingKind } from '../domain/listings';
import { ApplyForm } from '../schemas/chat';
import { applyToListing, getApplyPage } from '../services/applications.server';
import { requireUser } from '../services/auth.server';
import { proposalDraftFor } from '../services/proposal-pages.server';
import { asErrorResponse, refusalOf, ServiceError, textResponse } from '../utils/errors';
import { answerOnce, NO_STORE, newSubmissionKey, parseSubmission, readFormData, refused } from '../utils/forms.server';
import { idParam } from '../utils/params';

/* /openings/:id/apply and /solutions/:id/scout: the same form for both kinds. */

export async function applyPage(kind: ListingKind, { request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params.id, '掲載');
  const page = await getApplyPage(context.db, user, kind, id).catch(asErrorResponse);
  if (!page.canApply) throw textResponse(kind === 'opening' ? 'この募集には応募できません。' : 'このソリューションにはスカウトを送れません。', 403);
  // Opened from a matching proposal (?proposal=<the viewer's own listing>): the message starts as a draft naming it and the reasons.
  const from = Number(new URL(request.url).searchParams.get('proposal'));
  const draft = Number.isSafeInteger(from) && from > 0 ? await proposalDraftFor(context.db, user, { kind, id }, from) : null;
  return json({ ...page, draft, submissionKey: newSubmissionKey() }, { headers: NO_STORE });
}
export type ApplyPageData = SerializeFrom<typeof applyPage>;

export async function applyAction(kind: ListingKind, { request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params.id, '掲載');
  const formData = await readFormData(request);
  // The same form sent twice (a double click) is one application, and both get its page as the first did.
  return answerOnce(context, formData, `apply:${kind}:${id}:${user.id}`, async () => {
    const parsed = await parseSubmission(formData, ApplyForm);
    if (!parsed.ok) return refused(parsed.reply());
    try {
      const result = await applyToListing(context.db, user, kind, id, parsed.value, { ip: context.clientIp, publicUrl: context.config.publicUrl, hub: context.chat });
      return redirect(`/applications/${result.id}?done=${result.inquiry ? 'inquiry' : 'sent'}`);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'already_sent') return redirect(`/applications/${error.details.existingId}?done=exists`);
      const refusal = refusalOf(error);
      return refused(parsed.reply({ formErrors: [refusal.message] }), refusal.status);
    }
  });
}
