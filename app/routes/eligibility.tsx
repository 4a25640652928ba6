import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import {
  EMPLOYMENT_LABELS,
  EMPLOYMENTS,
  fiscalYearLabel,
  PROGRAM_TYPE_LABELS,
  PROGRAM_TYPES,
  type PairingError,
  type PairingField,
  type PairingOutcome,
} from '../domain/eligibility';
import { ChoiceGroup, ErrorSummary, Field, SelectField, SubmitButton } from '../components/forms';
import { ruleTableLabel } from '../domain/rules';
import { checkPairingQuery, currentFiscalYear, selectableFiscalYears } from '../services/eligibility.server';

/*
 * /eligibility: whether a municipality and a company's head office make a valid pairing, with the
 * reasons. A GET form (the verdict is a page one can link to); the service's problems are shown next
 * to their fields with the field kit of app/components/forms.tsx, the input kept.
 */

export const meta: MetaFunction = () => [
  { title: '対象判定｜起業人マッチ' },
  { name: 'description', content: '受入市町村と企業（本社所在地）の組み合わせが地域活性化起業人の対象になるかを、理由とともに確認できます。' },
];

const FIELDS = ['municipality', 'companyHq', 'type', 'employment', 'fy'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const values: Record<(typeof FIELDS)[number], string> = {
    municipality: params.get('municipality') ?? '',
    companyHq: params.get('companyHq') ?? '',
    type: params.get('type') ?? 'dispatch',
    employment: params.get('employment') ?? '',
    fy: params.get('fy') ?? String(currentFiscalYear()),
  };
  const years = selectableFiscalYears();
  if (!params.has('municipality') && !params.has('companyHq')) return json({ values, years, outcome: null });
  const query: Record<string, string> = {};
  for (const field of FIELDS) if (values[field].trim() !== '') query[field] = values[field];
  const outcome: PairingOutcome = await checkPairingQuery(context.db, query);
  return json({ values, years, outcome }, { status: outcome.ok ? 200 : 400 });
}

type Values = ReturnType<typeof useLoaderData<typeof loader>>['values'];

const LABELS: Record<PairingField, string> = { municipality: '受入市町村', companyHq: '企業の本社所在地', type: '類型', employment: '就業形態', fy: '年度' };

export default function EligibilityPage() {
  const { values, years, outcome } = useLoaderData<typeof loader>();
  const problems = outcome && !outcome.ok ? outcome.errors : [];
  const errors: Partial<Record<PairingField, string[]>> = {};
  for (const e of problems) (errors[e.field] ??= []).push(e.message_ja);
  const errorOf = (field: PairingField) => problems.find((e) => e.field === field);

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold text-solid-gray-900">対象判定</h1>
        <p className="max-w-3xl">
          受入市町村と、企業の本社所在地（副業型・シニア型は勤務先または元の勤務先の本社所在地）を入力すると、地域活性化起業人の対象になるかを判定し、その理由を表示します。
          市区町村は名前（「北海道 伊達市」のように都道府県名付きでも可）または全国地方公共団体コードで入力できます。
        </p>
      </header>

      <Form method="get" className="card space-y-6" aria-label="対象判定の入力" noValidate>
        <ErrorSummary errors={errors} labels={LABELS} />
        <div className="grid gap-6 md:grid-cols-2">
          <PlaceField name="municipality" label={LABELS.municipality} hint="例：北海道 伊達市、012335" values={values} error={errorOf('municipality')} />
          <PlaceField name="companyHq" label={LABELS.companyHq} hint="例：東京都千代田区、131016（副業型・シニア型は勤務先・元勤務先）" values={values} error={errorOf('companyHq')} />
        </div>
        <ChoiceGroup
          type="radio"
          name="type"
          legend={LABELS.type}
          required
          columns={3}
          values={[values.type]}
          errors={errors.type}
          options={PROGRAM_TYPES.map((t) => ({ value: t, label: PROGRAM_TYPE_LABELS[t] }))}
        />
        <div className="grid gap-6 md:grid-cols-2">
          <SelectField
            name="employment"
            label="就業形態（副業型・シニア型）"
            defaultValue={values.employment}
            errors={errors.employment}
            placeholder="類型に合わせる（副業型は在籍、シニア型は退職）"
            options={EMPLOYMENTS.map((e) => ({ value: e, label: EMPLOYMENT_LABELS[e] }))}
          />
          <SelectField name="fy" label={LABELS.fy} required defaultValue={values.fy} errors={errors.fy} options={years.map((y) => ({ value: String(y), label: `${fiscalYearLabel(y)}（${y}年度）` }))} />
        </div>
        <SubmitButton>判定する</SubmitButton>
      </Form>

      {outcome?.ok && <Verdict outcome={outcome} />}
      <RulesSummary />
    </div>
  );
}

/** A municipality typed by name or code; an ambiguous name lists its candidates as links under the error. */
function PlaceField({ name, label, hint, values, error }: { name: 'municipality' | 'companyHq'; label: string; hint: string; values: Values; error?: PairingError }) {
  return (
    <div>
      <Field name={name} label={label} hint={hint} required={name === 'municipality'} defaultValue={values[name]} errors={error ? [error.message_ja] : undefined} autoComplete="off" />
      {error?.candidates && error.candidates.length > 0 && (
        <ul className="-mt-4 mb-6 flex flex-wrap gap-2 text-sm" aria-label={`${label}の候補`}>
          {error.candidates.map((c) => (
            <li key={c.lgCode}>
              <a href={`/eligibility?${new URLSearchParams({ ...values, [name]: c.lgCode })}`}>
                {c.prefName}
                {c.name}（{c.lgCode}）
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const CLASS_TEXT = { A: 'A区分（三大都市圏に本社）', B: 'B区分（三大都市圏外の政令市・中核市・県庁所在市に本社）', none: '対象企業に該当しません' };

function Verdict({ outcome }: { outcome: Extract<PairingOutcome, { ok: true }> }) {
  const { result, municipality, companyHq, type } = outcome;
  return (
    <section aria-labelledby="verdict-title" className={`rounded-xl border-2 p-5 ${result.eligible ? 'border-green-800 bg-green-50' : 'border-red-800 bg-red-50'}`}>
      <h2 id="verdict-title" className="text-2xl font-bold" data-testid="verdict">
        {result.eligible ? '対象です' : '対象外です'}
      </h2>
      <dl className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-bold">受入市町村</dt>
        <dd>
          {municipality.prefName}
          {municipality.name}（{municipality.lgCode}）
        </dd>
        <dt className="font-bold">本社所在地</dt>
        <dd>
          {!companyHq
            ? '—'
            : companyHq.ward
              ? `${companyHq.prefName}${companyHq.name}${companyHq.ward.name}（${companyHq.name}として判定・${companyHq.lgCode}）`
              : `${companyHq.prefName}${companyHq.name}（${companyHq.lgCode}）`}
        </dd>
        <dt className="font-bold">類型</dt>
        <dd>{PROGRAM_TYPE_LABELS[type]}</dd>
        <dt className="font-bold">企業の区分</dt>
        <dd>{CLASS_TEXT[result.companyClass]}</dd>
        <dt className="font-bold">適用ルール</dt>
        <dd>
          {result.provisional
            ? `${fiscalYearLabel(result.fiscalYear)}：この年度のルールは未公表のため、${ruleTableLabel(result.ruleVersion)}で暫定的に判定しています`
            : ruleTableLabel(result.ruleVersion)}
        </dd>
      </dl>
      {result.reasons.length > 0 && (
        <>
          <h3 className="mt-4 text-lg font-bold">対象外の理由</h3>
          <ul className="list-disc space-y-1 pl-6" data-testid="reasons">
            {result.reasons.map((r) => (
              <li key={r.code}>{r.message_ja}</li>
            ))}
          </ul>
        </>
      )}
      {result.explanations.length > 0 && (
        <>
          <h3 className="mt-4 text-lg font-bold">満たしている要件</h3>
          <ul className="list-disc space-y-1 pl-6">
            {result.explanations.map((r) => (
              <li key={r.code}>{r.message_ja}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function RulesSummary() {
  return (
    <section aria-labelledby="rules-title" className="space-y-3">
      <h2 id="rules-title" className="text-2xl font-bold">
        判定のルール
      </h2>
      <ul className="list-disc space-y-2 pl-6">
        <li>受入市町村は、三大都市圏外の市町村、または三大都市圏内で条件不利地域・定住自立圏・人口減少率の高い市町村（令和7・8年度：1,433市町村）です。</li>
        <li>A区分：本社が三大都市圏（埼玉・千葉・東京・神奈川／岐阜・愛知・三重／京都・大阪・兵庫・奈良）にある企業。1,433市町村のいずれにも派遣できます。</li>
        <li>B区分：本社が三大都市圏外の政令市・中核市・県庁所在市にある企業。政令市・中核市・県庁所在市を除く1,375市町村のうち、本社と異なる都道府県の市町村にのみ派遣できます。</li>
        <li>副業型は対象企業に在籍する個人、シニア型は対象企業を退職した個人が対象です。フリーランスは対象になりません。</li>
      </ul>
      <p className="text-sm text-solid-gray-700">
        同じ判定はJSON API（<code>/api/eligibility?municipality=…&amp;companyHq=…&amp;type=dispatch</code>）でも利用できます。最終的な判断は総務省・都道府県にご確認ください。
      </p>
    </section>
  );
}
