import type { MetaFunction } from '@remix-run/node';
import { PolicyPage } from '../components/layout';
import { PRIVACY } from '../domain/legal';

export const meta: MetaFunction = () => [{ title: 'プライバシーポリシー｜起業人マッチ' }];

export default function Privacy() {
  return <PolicyPage doc={PRIVACY} />;
}
