import { z } from 'zod';
import { APPLICATION_STATES } from '../domain/applications/states';
import { PROGRAM_TYPES } from '../domain/eligibility/types';
import { formSchema, type FormValuesOf } from './form';

/** Shared by the socket handlers, the conversation page's form posts and the client hook. */

export const MESSAGE_MAX = 4000;

const id = z.coerce.number().int().positive().max(2_147_483_647);
/** Client-generated idempotency key: a UUID or any 8–64 url-safe characters. */
export const ClientKeySchema = z.string().regex(/^[\w-]{8,64}$/, '送信キーが不正です');

const body = z
  .string({ required_error: 'メッセージを入力してください' })
  .transform((s) => s.replace(/\r\n/g, '\n').trim())
  .pipe(z.string().min(1, 'メッセージを入力してください').max(MESSAGE_MAX, `メッセージは${MESSAGE_MAX}文字以内で入力してください`));

export const JoinEventSchema = z.object({ conversationId: id, afterSeq: z.number().int().min(0).default(0) }).strict();
export const SendEventSchema = z.object({ conversationId: id, clientKey: ClientKeySchema, body }).strict();
export const TypingEventSchema = z.object({ conversationId: id, typing: z.boolean() }).strict();
export const ReadEventSchema = z.object({ conversationId: id, seq: z.number().int().min(0) }).strict();
export const LeaveEventSchema = z.object({ conversationId: id }).strict();

// Forms on /applications/:id (work without JavaScript). `intent` picks the form; each is parsed with
// parseSubmission (app/utils/forms.server.ts) and shown with the field kit under its own form id.

/** Text may be empty when files are attached; the service refuses a message with neither. */
export const MessageForm = formSchema({
  clientKey: ClientKeySchema,
  body: z
    .string()
    .optional()
    .transform((s) => (s ?? '').replace(/\r\n/g, '\n').trim())
    .pipe(z.string().max(MESSAGE_MAX, `メッセージは${MESSAGE_MAX}文字以内で入力してください`)),
});
export const MESSAGE_LABELS = { body: 'メッセージ' };

export const StateForm = formSchema({
  to: z.enum(APPLICATION_STATES, { errorMap: () => ({ message: '変更先の状態が不正です' }) }),
  reason: z
    .string()
    .max(500, '理由は500文字以内で入力してください')
    .optional()
    .transform((s) => (s ?? '').trim()),
});
export const STATE_LABELS = { reason: '理由' };

/** The most rows one proposal may carry. */
export const SLOTS_MAX = 10;
const times = z.union([z.string(), z.array(z.string())]).optional();

/** The rows of slotStart/slotEnd are read in order by the page's action (blank rows dropped). */
export const SlotsForm = formSchema(
  {
    slotStart: times,
    slotEnd: times,
    location: z.string().max(200, '場所・方法は200文字以内で入力してください').optional().transform((s) => (s ?? '').trim()),
  },
  (v, report) => {
    const rows = Math.max([v.slotStart ?? []].flat().length, [v.slotEnd ?? []].flat().length);
    if (rows > SLOTS_MAX) report('', `候補日時は${SLOTS_MAX}件までにしてください。`);
  },
);
export const SLOTS_LABELS = { slotStart: '開始', slotEnd: '終了', location: '場所・方法' };

const CHOOSE_SLOT = '候補日時を選んでください。';
export const AcceptSlotForm = formSchema({
  slotId: z.coerce.number({ invalid_type_error: CHOOSE_SLOT, required_error: CHOOSE_SLOT }).int(CHOOSE_SLOT).positive(CHOOSE_SLOT).max(2_147_483_647, CHOOSE_SLOT),
});

/** The apply (opening) / scout (solution) form. */
export const ApplyForm = formSchema({
  programType: z.enum(PROGRAM_TYPES, { errorMap: () => ({ message: '類型を選んでください' }) }),
  message: z
    .string({ required_error: 'メッセージを入力してください' })
    .transform((s) => s.replace(/\r\n/g, '\n').trim())
    .pipe(z.string().min(1, 'メッセージを入力してください').max(MESSAGE_MAX, `メッセージは${MESSAGE_MAX}文字以内で入力してください`)),
  proposal: z
    .string()
    .max(2000, '提案する人材・プランは2000文字以内で入力してください')
    .optional()
    .transform((s) => (s ?? '').trim()),
  asInquiry: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
  /** the sender's own listing when the form was opened from a matching proposal (a hidden field; anything else is ignored) */
  fromProposal: z
    .string()
    .optional()
    .transform((v) => (v && /^[1-9]\d{0,9}$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : null)),
});
export type ApplyFormInput = FormValuesOf<typeof ApplyForm.shape>;
