import { fieldId } from '../forms';
import type { AgreementCheck } from '../../domain/agreements';
import { ruleTableLabel } from '../../domain/rules';
import { formatNumber } from '../../utils/dates';
import { Notice } from '../notice';

const yen = (n: number) => `${formatNumber(n)}円`;

/**
 * The rule check of a version: problems listed with links to their fields (each is also shown next
 * to the field), then the estimate of the special allocation tax per fiscal year.
 */
export function CheckPanel(props: {
  check: AgreementCheck | null;
  problems: { name: string; label: string; messages: string[] }[];
  general: string[];
  valid: boolean;
  /** the conclusion is recorded: nothing is left to agree to */
  concluded?: boolean;
}) {
  const count = props.problems.reduce((n, p) => n + p.messages.length, 0) + props.general.length;
  return (
    <section aria-labelledby="check-title" className="card space-y-4" id="check">
      <h2 id="check-title" className="section-title">
        ルールチェックと特別交付税措置の見込み
      </h2>
      {count === 0 && props.check ? (
        <Notice tone="success" role="none" as="p" testId="check-ok">
          {props.concluded ? '制度のルールに合っています（この内容で締結済みです）。' : '制度のルールに合っています。双方が合意できる状態です。'}
        </Notice>
      ) : (
        <Notice tone="warning" role="none" testId="check-problems">
          <p className="font-bold">
            {props.valid ? `制度のルールに合わない項目が${count}件あります。` : `未入力または誤りのある項目が${count}件あります（すべて入力するとルールチェックを行います）。`}
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {props.problems.flatMap((p) =>
              p.messages.map((m) => (
                <li key={`${p.name}-${m}`}>
                  {/* The messages name their field (甲・乙 included), so the link is the message itself. */}
                  <a href={`#${fieldId(p.name)}`}>{m.includes(p.label) ? m : `${p.label}：${m}`}</a>
                </li>
              )),
            )}
            {props.general.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Notice>
      )}
      {props.check && props.check.taxEstimate.byFiscalYear.length > 0 ? <TaxTable check={props.check} /> : null}
    </section>
  );
}

function TaxTable({ check }: { check: AgreementCheck }) {
  const provisional = check.taxEstimate.byFiscalYear.some((y) => y.provisional);
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] border-collapse text-sm" data-testid="tax-estimate">
        <caption className="mb-2 text-left font-bold">年度ごとの特別交付税措置の見込み（上限は年額を月数で按分）</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600 text-left">
            <th scope="col" className="p-2">年度</th>
            <th scope="col" className="p-2">月数</th>
            <th scope="col" className="p-2">項目</th>
            <th scope="col" className="p-2 text-right">計画額</th>
            <th scope="col" className="p-2 text-right">上限</th>
            <th scope="col" className="p-2 text-right">対象額</th>
            <th scope="col" className="p-2 text-right">措置率</th>
            <th scope="col" className="p-2 text-right">措置額（見込み）</th>
          </tr>
        </thead>
        <tbody>
          {check.taxEstimate.byFiscalYear.flatMap((y) =>
            y.items.map((i, k) => (
              <tr key={`${y.fiscalYear}-${i.item}`} className="border-b border-solid-gray-200">
                {k === 0 ? (
                  <th scope="row" rowSpan={y.items.length} className="p-2 text-left align-top">
                    {y.label}
                    {y.provisional ? <span className="block text-xs font-normal">（暫定：{ruleTableLabel(y.ruleVersion)}）</span> : null}
                  </th>
                ) : null}
                {k === 0 ? (
                  <td rowSpan={y.items.length} className="p-2 align-top">
                    {y.months}か月
                  </td>
                ) : null}
                <td className="p-2">{i.label_ja}</td>
                <td className="p-2 text-right">{yen(i.requested)}</td>
                <td className="p-2 text-right">{yen(i.cap)}</td>
                <td className="p-2 text-right">{yen(i.allowed)}</td>
                <td className="p-2 text-right">{Math.round(i.rate * 100)}%</td>
                <td className="p-2 text-right">{yen(i.measure)}</td>
              </tr>
            )),
          )}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-solid-gray-600 font-bold">
            <th scope="row" colSpan={7} className="p-2 text-left">
              合計
            </th>
            <td className="p-2 text-right" data-testid="tax-total">
              {yen(check.taxEstimate.total)}
            </td>
          </tr>
        </tfoot>
      </table>
      {provisional ? <p className="mt-2 text-sm">表のない年度は、最新の年度の上限で暫定的に見込んでいます。</p> : null}
    </div>
  );
}
