import { useRouteLoaderData } from '@remix-run/react';

type RootData = { user: { role: string; organisationStatus: string } | null };

/** 「あなたへの提案」 in the main menu, for the organisations that post listings (the route checks again). */
export function ProposalsNavItem() {
  const user = (useRouteLoaderData('root') as RootData | undefined)?.user;
  if (!user || user.organisationStatus !== 'approved' || !['municipality', 'company', 'individual'].includes(user.role)) return null;
  return (
    <li>
      <a href="/proposals">あなたへの提案</a>
    </li>
  );
}
