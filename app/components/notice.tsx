import type { ReactNode } from 'react';

/** A status message above a page's content: a result (success), a state to know about (warning) or information. */
export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  const cls = {
    info: 'border-blue-900 bg-blue-50',
    success: 'border-green-800 bg-green-50',
    warning: 'border-yellow-700 bg-yellow-50',
  }[tone];
  return (
    <div role="status" className={`rounded-lg border-2 p-4 ${cls}`}>
      {children}
    </div>
  );
}

/** What the last action did, named by the `done` search parameter of the redirect after it; nothing for an unknown name. */
export function DoneNotice({ done, messages }: { done: string | null | undefined; messages: Record<string, string> }) {
  const text = done ? messages[done] : undefined;
  return text ? (
    <p role="status" className="notice">
      {text}
    </p>
  ) : null;
}
