import { useRouteLoaderData } from '@remix-run/react';
import type { InboxCounts } from '../../services/inbox.server';

/** Header links to the conversations and notifications, with unread counts (signed-in, approved accounts). */
export function InboxLinks() {
  const data = useRouteLoaderData('root') as { inbox?: InboxCounts | null } | undefined;
  const inbox = data?.inbox;
  if (!inbox) return null;
  return (
    <ul className="flex flex-wrap items-center gap-4 text-sm" aria-label="やりとり">
      <li>
        <a href="/applications">
          応募・メッセージ
          {inbox.messages > 0 ? (
            <span className="badge badge-red ml-1" data-testid="unread-messages">
              <span className="sr-only">未読</span>
              {inbox.messages}
            </span>
          ) : null}
        </a>
      </li>
      <li>
        <a href="/notifications">
          お知らせ
          {inbox.notifications > 0 ? (
            <span className="badge badge-blue ml-1" data-testid="unread-notifications">
              <span className="sr-only">未読</span>
              {inbox.notifications}
            </span>
          ) : null}
        </a>
      </li>
    </ul>
  );
}
