import type { MetaFunction } from '@remix-run/node';
import { ApplyForm } from '../components/applications/apply-form';
import { applyAction, applyLoader } from '../services/application-routes.server';

export const loader = applyLoader('opening');
export const action = applyAction('opening');
export const meta: MetaFunction = () => [{ title: '応募する｜起業人マッチ' }];

export default function ApplyPage() {
  return <ApplyForm />;
}
