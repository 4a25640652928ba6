import { organisationAndPerson } from '../../domain/accounts/names';
import type { ChatMessage, ReadMarks } from '../../chat/events';
import type { PendingMessage } from '../../chat/use-chat';
import { formatDateTime } from '../../utils/dates';


const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(n / 1024))}KB`);

/**
 * The conversation. A message of mine shows 既読 once someone of the other organisation has read
 * up to it. The list is a polite live region, so new messages are read out without moving focus.
 */
export function MessageList(props: { applicationId: number; messages: ChatMessage[]; pending: PendingMessage[]; reads: ReadMarks; me: { organisationId: string }; otherOrganisationId: string }) {
  const otherRead = props.reads[props.otherOrganisationId] ?? 0;
  return (
    <ol className="space-y-3" aria-live="polite" aria-relevant="additions" data-testid="messages">
      {props.messages.map((m) => {
        if (m.kind === 'system') {
          return (
            <li key={m.seq} className="text-center text-sm text-solid-gray-700" data-seq={m.seq} data-kind="system">
              <span className="inline-block rounded bg-solid-gray-50 px-3 py-1">
                {m.body}（{formatDateTime(m.createdAt)}）
              </span>
            </li>
          );
        }
        const mine = m.senderOrganisationId === props.me.organisationId;
        return (
          <li key={m.seq} className={`flex ${mine ? 'justify-end' : 'justify-start'}`} data-seq={m.seq} data-mine={mine ? 'true' : 'false'}>
            <article className={`max-w-[80%] rounded-lg border px-4 py-3 ${mine ? 'border-blue-200 bg-blue-50' : 'border-solid-gray-200 bg-white'}`}>
              <header className="mb-1 text-xs text-solid-gray-700">
                <span className="font-bold">{organisationAndPerson(m.senderOrganisationName, m.senderName)}</span> <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
              </header>
              <p className="whitespace-pre-wrap break-words" data-testid="message-body">
                {m.body}
              </p>
              {m.attachments.length ? (
                <ul className="mt-2 space-y-1 text-sm">
                  {m.attachments.map((a) => (
                    <li key={a.id}>
                      <a href={`/applications/${props.applicationId}/files/${a.id}`} download>
                        📎 {a.fileName}（{kb(a.sizeBytes)}）
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {mine ? (
                <p className="mt-1 text-right text-xs text-solid-gray-700" data-testid={otherRead >= m.seq ? 'read-receipt' : undefined}>
                  {otherRead >= m.seq ? '既読' : '未読'}
                </p>
              ) : null}
            </article>
          </li>
        );
      })}
      {props.pending.map((p) => (
        <li key={p.clientKey} className="flex justify-end" data-pending="true">
          <article className="max-w-[80%] rounded-lg border border-dashed border-blue-200 bg-white px-4 py-3">
            <p className="whitespace-pre-wrap break-words">{p.body}</p>
            <p className="mt-1 text-right text-xs text-solid-gray-700">{p.failed ? `送信できませんでした：${p.error ?? ''}` : '送信中…'}</p>
          </article>
        </li>
      ))}
    </ol>
  );
}
