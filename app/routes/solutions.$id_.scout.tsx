import type { MetaFunction } from '@remix-run/node';
import { ApplyForm } from '../components/applications/apply-form';
import { applyAction, applyLoader } from '../services/application-routes.server';

export const loader = applyLoader('solution');
export const action = applyAction('solution');
export const meta: MetaFunction = () => [{ title: 'スカウトを送る｜起業人マッチ' }];

export default function ScoutPage() {
  return <ApplyForm />;
}
