import { useRouteLoaderData } from '@remix-run/react';

type RootData = { user: { role: string; organisationStatus: string } | null };

/** The dashboard link in the main menu, for the ministry and operators only (the route checks again). */
export function MonitoringNavItem() {
  const user = (useRouteLoaderData('root') as RootData | undefined)?.user;
  if (!user || user.organisationStatus !== 'approved' || (user.role !== 'ministry' && user.role !== 'operator')) return null;
  return (
    <li>
      <a href="/monitoring">モニタリング</a>
    </li>
  );
}
