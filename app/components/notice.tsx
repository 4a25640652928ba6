import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning';

/** The look of each tone (app/styles/app.css). */
const LOOK: Record<Tone, string> = { success: 'notice', info: 'notice notice-info', warning: 'warning-box' };

/**
 * A message on a page: the result of the last action (success), information, or a state to know
 * about (warning). Every notice of the site is this component, so its look and its live-region rule
 * live here. `role`: `status` (the default) for what appears because of what the person did or
 * where they came from, read out politely; `alert` for a failure that needs attention now; `none`
 * for standing text that is part of the page and is not announced.
 */
export function Notice({
  children,
  tone = 'info',
  role = 'status',
  as: Tag = 'div',
  className,
  testId,
  data,
}: {
  children: ReactNode;
  tone?: Tone;
  role?: 'status' | 'alert' | 'none';
  /** `p` where the notice is one paragraph inside running text, `li` where the notices are a list (the verdicts) */
  as?: 'div' | 'p' | 'li';
  className?: string;
  testId?: string;
  /** data attributes a page or its tests read (`data-eligible`) */
  data?: Record<`data-${string}`, string>;
}) {
  return (
    <Tag role={role === 'none' ? undefined : role} className={className ? `${LOOK[tone]} ${className}` : LOOK[tone]} data-testid={testId} {...data}>
      {children}
    </Tag>
  );
}

/** What the last action did, named by the `done` search parameter of the redirect after it; nothing for an unknown name. */
export function DoneNotice({ done, messages }: { done: string | null | undefined; messages: Record<string, string> }) {
  const text = done ? messages[done] : undefined;
  return text ? (
    <Notice tone="success" as="p">
      {text}
    </Notice>
  ) : null;
}
