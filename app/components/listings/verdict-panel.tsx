import { typeLabel } from '../../domain/listings';
import type { Verdict } from '../../domain/listings/verdict';
import { Notice } from '../notice';

/** The eligibility verdict for the reader's organisation, with every reason, so nobody signs an ineligible pairing by mistake. */
export function VerdictPanel({ verdicts }: { verdicts: Verdict[] }) {
  if (verdicts.length === 0) return null;
  return (
    <section aria-labelledby="verdict-title" className="mb-8 space-y-3" data-testid="eligibility-verdict">
      <h2 id="verdict-title" className="text-lg font-bold">
        制度の対象になるか（あなたの団体の場合）
      </h2>
      {verdicts.map((v) => (
        <Notice key={v.type} tone={v.eligible ? 'success' : 'warning'} role="none">
          <p className="font-bold">
            <span className={`badge mr-2 ${v.eligible ? 'badge-green' : 'badge-red'}`}>{v.eligible ? '対象' : '対象外'}</span>
            {typeLabel(v.type)}: {v.headline}
          </p>
          {v.reasons.length ? (
            <ul className="mt-2 list-disc pl-6 text-sm">
              {v.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : null}
          {v.provisional ? <p className="mt-2 text-sm">この年度の要件は未公表のため、直近の年度の要件で判定しています。</p> : null}
        </Notice>
      ))}
      <p className="text-sm">
        判定の詳細は <a href="/eligibility">対象判定</a> のページで確認できます。
      </p>
    </section>
  );
}
