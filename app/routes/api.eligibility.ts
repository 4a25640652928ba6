import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { pairingErrorsText } from '../domain/eligibility';
import { checkPairingQuery } from '../services/eligibility.server';

const QUERY_FIELDS = ['municipality', 'companyHq', 'type', 'employment', 'fy'] as const;

/**
 * GET /api/eligibility?municipality=…&companyHq=…&type=dispatch|side_job|senior[&employment=…][&fy=2026]
 * 200 with the decided answer (eligible or not); 400 with every input problem, candidates included.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const query: Record<string, string> = {};
  for (const field of QUERY_FIELDS) {
    const value = params.get(field);
    if (value !== null && value !== '') query[field] = value;
  }
  const outcome = await checkPairingQuery(context.db, query);
  const headers = { 'Cache-Control': 'no-store' };
  if (!outcome.ok) {
    return json({ error: 'invalid_query', message: pairingErrorsText(outcome.errors), errors: outcome.errors }, { status: 400, headers });
  }
  const { result, ...pairing } = outcome;
  return json({ ...result, type: pairing.type, employment: pairing.employment, municipality: pairing.municipality, companyHq: pairing.companyHq }, { headers });
}
