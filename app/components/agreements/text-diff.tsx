import type { TextDiff } from '../../domain/agreements/text-diff';

const STATUS = { changed: '変更', added: '追加', removed: '削除' } as const;
const BADGE = { changed: 'badge-yellow', added: 'badge-green', removed: 'badge-red' } as const;

/** Which articles changed, were added or removed, with the sentences removed and added in each. */
export function TextDiffView({ diff, empty = '文言の変更はありません。', testId = 'text-changes' }: { diff: TextDiff; empty?: string; testId?: string }) {
  if (diff.changes.length === 0 && diff.renumbered.length === 0) return <p data-testid={testId}>{empty}</p>;
  return (
    <div className="space-y-4" data-testid={testId}>
      {diff.changes.length ? (
        <ul className="space-y-4">
          {diff.changes.map((c) => (
            <li key={c.key} className="border-l-4 border-solid-gray-300 pl-3" data-testid="text-change">
              <p className="font-bold">
                <span className={`badge ${BADGE[c.status]} mr-2`}>{STATUS[c.status]}</span>
                {c.label}
                {c.heading ? `（${c.heading}）` : ''}
              </p>
              {c.headingBefore !== undefined ? (
                <p className="text-sm">
                  見出し：<del className="bg-red-50">（{c.headingBefore}）</del> → <ins className="bg-green-50 no-underline">（{c.heading}）</ins>
                </p>
              ) : null}
              {c.removed.length ? (
                <div className="mt-1">
                  <p className="text-sm font-bold">{c.status === 'removed' ? '削除された条の文' : '削除・変更前の文'}</p>
                  <ul className="list-disc space-y-1 pl-6">
                    {c.removed.map((s, i) => (
                      <li key={i}>
                        <del className="bg-red-50 break-words">{s}</del>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {c.added.length ? (
                <div className="mt-1">
                  <p className="text-sm font-bold">{c.status === 'added' ? '追加された条の文' : '追加・変更後の文'}</p>
                  <ul className="list-disc space-y-1 pl-6">
                    {c.added.map((s, i) => (
                      <li key={i}>
                        <ins className="bg-green-50 no-underline break-words">{s}</ins>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {diff.renumbered.length ? (
        <p className="text-sm" data-testid="renumbered">
          条番号の変更：{diff.renumbered.map((r) => `${r.from}（${r.heading}）→ ${r.to}`).join('、')}
        </p>
      ) : null}
    </div>
  );
}
