import type { SubmissionResult } from '@conform-to/react';
import { Form, useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ChatMessage, ReadMarks } from '../../chat/events';
import { useChat } from '../../chat/use-chat';
import { MESSAGE_MAX } from '../../schemas/chat';
import { TextareaField } from '../forms';
import { Notice } from '../notice';
import { MessageList } from './message-list';

const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * Messages and the send form. Without JavaScript the form posts (multipart, with attachments) and
 * the page reloads; with it, text goes over socket.io and files still go by form post.
 */
export function Conversation(props: {
  applicationId: number;
  conversationId: number;
  messages: ChatMessage[];
  reads: ReadMarks;
  me: { userId: string; organisationId: string };
  other: { organisationId: string; name: string };
  clientKey: string;
  closed: boolean;
  /** a refused post of this form (the form `message`): its errors, and the text typed shown again */
  result?: SubmissionResult<string[]>;
}) {
  const revalidator = useRevalidator();
  const chat = useChat({
    conversationId: props.conversationId,
    initialMessages: props.messages,
    initialReads: props.reads,
    me: props.me,
    onState: () => {
      if (revalidator.state === 'idle') revalidator.revalidate();
    },
  });
  const typed = props.result?.initialValue?.body;
  const [body, setBody] = useState(typeof typed === 'string' ? typed : '');
  const errors = props.result?.error ?? {};
  const [key, setKey] = useState(props.clientKey);
  const fileRef = useRef<HTMLInputElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setKey(props.clientKey);
  }, [props.clientKey]);
  useEffect(() => {
    // Block body: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [chat.messages.length, chat.pending.length]);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const hasFiles = (fileRef.current?.files?.length ?? 0) > 0;
    if (hasFiles || !chat.connected || body.trim() === '') return; // the normal form post
    e.preventDefault();
    chat.send(body.trim(), key);
    setBody('');
    setKey(newKey());
    chat.notifyTyping(false);
  };

  return (
    <section aria-labelledby="messages-title" className="min-w-0 space-y-4">
      <div className="flex items-center justify-between">
        <h2 id="messages-title" className="section-title">
          メッセージ
        </h2>
        <span className="text-xs text-solid-gray-700" data-testid="connection">
          {chat.connected ? 'リアルタイム接続中' : ''}
        </span>
      </div>
      <div className="max-h-[60vh] overflow-y-auto rounded border border-solid-gray-200 p-4" tabIndex={0} role="region" aria-label="メッセージの一覧（スクロールできます）">
        <MessageList applicationId={props.applicationId} messages={chat.messages} pending={chat.pending} reads={chat.reads} me={props.me} otherOrganisationId={props.other.organisationId} />
        <div ref={endRef} id="latest" />
      </div>
      <p className="min-h-[1.5rem] text-sm text-solid-gray-700" aria-live="polite" data-testid="typing">
        {chat.typing.length ? `${chat.typing.join('、')} さんが入力中…` : ''}
      </p>
      {props.closed ? (
        <Notice role="none" as="p">
          この応募は終了しています。メッセージは閲覧のみできます。
        </Notice>
      ) : (
        <Form method="post" id="message" encType="multipart/form-data" onSubmit={onSubmit} className="space-y-2" aria-label="メッセージを送る">
          <input type="hidden" name="intent" value="message" />
          <input type="hidden" name="clientKey" value={key} />
          <TextareaField
            name="body"
            formId="message"
            label="メッセージ"
            unmarked
            compact
            className="space-y-2"
            rows={3}
            maxLength={MESSAGE_MAX}
            errors={errors.body ?? undefined}
            value={body}
            onChange={(e) => {
              setBody(e.target.value);
              chat.notifyTyping(e.target.value !== '');
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
            }}
          />
          <div className="flex flex-wrap items-center justify-between gap-3">
            <label className="min-w-0 max-w-full text-sm">
              添付ファイル（PDF・PNG・JPEG・WebP、各10MBまで・3件まで）
              <input ref={fileRef} type="file" name="files" multiple accept="application/pdf,image/png,image/jpeg,image/webp" className="mt-1 block w-full max-w-full" />
            </label>
            <button type="submit" className="btn-primary">
              送信
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
