import { redirect, type LoaderFunctionArgs } from '@remix-run/node';

/** `/applications/new?listing=opening:12` → the apply (or scout) form of that listing. */
export function loader({ request }: LoaderFunctionArgs) {
  const m = /^(opening|solution):(\d{1,9})$/.exec(new URL(request.url).searchParams.get('listing') ?? '');
  if (!m) throw new Response('掲載が見つかりません。', { status: 404 });
  return redirect(m[1] === 'opening' ? `/openings/${m[2]}/apply` : `/solutions/${m[2]}/scout`);
}
