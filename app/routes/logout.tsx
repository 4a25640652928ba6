import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { getOptionalUser } from '../services/auth.server';
import { logOut } from '../services/login.server';

/** Log-out changes state, so it is POST only; a GET just goes home. */
export const loader = () => redirect('/');

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getOptionalUser(request, context);
  const cookie = await logOut(context, request, user, context.clientIp);
  return redirect('/', { headers: { 'set-cookie': cookie } });
}
