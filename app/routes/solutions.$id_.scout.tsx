import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { submissionPageHeaders } from '../components/forms';
import { ApplyForm } from '../components/applications/apply-form';
import { applyAction, applyPage } from './__apply.server';

export async function loader(args: LoaderFunctionArgs) {
  return applyPage('solution', args);
}

export async function action(args: ActionFunctionArgs) {
  return applyAction('solution', args);
}

export const headers = submissionPageHeaders;

export const meta: MetaFunction = () => [{ title: 'スカウトを送る｜起業人マッチ' }];

export default function ScoutPage() {
  return <ApplyForm data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()?.result} />;
}
