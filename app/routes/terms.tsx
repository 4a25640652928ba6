import type { MetaFunction } from '@remix-run/node';
import { PolicyPage } from '../components/layout';
import { TERMS } from '../domain/legal';

export const meta: MetaFunction = () => [{ title: '利用規約｜起業人マッチ' }];

export default function Terms() {
  return <PolicyPage doc={TERMS} />;
}
