import { useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { Form, Link } from '@remix-run/react';
import { PROGRAM_TYPE_LABELS, type ProgramType } from '../../domain/eligibility/types';
import { ruleTableLabel } from '../../domain/rules';
import type { ApplyPageData } from '../../routes/__apply.server';
import { ApplyForm as ApplySchema, type ApplyFormInput } from '../../schemas/chat';
import { Checkbox, ChoiceGroup, ErrorSummary, SubmissionKey, SubmitButton, TextareaField } from '../forms';
import { Notice } from '../notice';

/**
 * The apply (opening) or scout (solution) form. The eligibility verdict for each programme form
 * is shown first; choosing an ineligible one needs the "send as an inquiry" box ticked.
 */
export function ApplyForm({ data, result }: { data: ApplyPageData; result?: SubmissionResult<string[]> }) {
  const scout = data.kind === 'scout';
  const anyEligible = data.verdicts.some((v) => v.eligible);
  const [form, fields] = useForm<ApplyFormInput>({
    id: 'field',
    lastResult: result,
    constraint: getZodConstraint(ApplySchema.fields),
    defaultValue: {
      programType: data.verdicts.find((v) => v.eligible && v.type === data.draft?.programType)?.type ?? data.verdicts.find((v) => v.eligible)?.type ?? data.programTypes[0],
      message: data.draft?.message ?? '',
      asInquiry: !anyEligible && data.verdicts.length === 0,
    },
  });
  const labels = { programType: '類型', message: 'メッセージ', proposal: scout ? 'お願いしたいこと' : '提案する人材・プラン', asInquiry: '問い合わせとして送る' };
  return (
    <div className="max-w-3xl space-y-6">
      <nav aria-label="パンくずリスト" className="text-sm">
        <Link to={`${data.listing.kind === 'opening' ? '/openings' : '/solutions'}/${data.listing.id}`}>{data.listing.title}</Link> <span aria-hidden="true">›</span> {scout ? 'スカウト' : '応募'}
      </nav>
      <h1 className="page-title">{scout ? `${data.owner.name} にスカウトを送る` : `「${data.listing.title}」に応募する`}</h1>

      <section aria-labelledby="verdict-title" className="card space-y-3">
        <h2 id="verdict-title" className="section-title">
          制度の対象判定
        </h2>
        {data.verdicts.length === 0 ? (
          <Notice tone="warning" role="none" as="p">この掲載の類型と、あなたの団体が取れる類型の組み合わせがないため、制度の対象として判定できません。問い合わせとしてのみ送れます。</Notice>
        ) : (
          <ul className="space-y-3">
            {data.verdicts.map((v) => (
              <Notice key={v.type} as="li" tone={v.eligible ? 'success' : 'warning'} role="none" testId="verdict" data={{ 'data-eligible': v.eligible ? 'true' : 'false' }}>
                <p className="font-bold">
                  {PROGRAM_TYPE_LABELS[v.type as ProgramType]}：{v.eligible ? '対象です' : '対象外です'}
                </p>
                <p>{v.headline}</p>
                <ul className="mt-1 list-disc pl-6 text-sm">
                  {v.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
                <p className="mt-1 text-xs text-solid-gray-700">
                  {ruleTableLabel(v.ruleVersion)}で判定
                  {v.provisional ? '（暫定）' : ''}
                </p>
              </Notice>
            ))}
          </ul>
        )}
      </section>

      <Form method="post" id={form.id} className="space-y-6" noValidate>
        <SubmissionKey value={data.submissionKey} />
        {data.draft ? <input type="hidden" name="fromProposal" value={data.draft.ownListingId} /> : null}
        <ErrorSummary result={result} labels={labels} />
        <ChoiceGroup
          type="radio"
          field={fields.programType}
          legend={labels.programType}
          required
          columns={1}
          options={data.programTypes.map((t) => {
            const v = data.verdicts.find((x) => x.type === t);
            return { value: t, label: `${PROGRAM_TYPE_LABELS[t as ProgramType]}${v ? (v.eligible ? '（対象）' : '（対象外：問い合わせのみ）') : '（判定不可：問い合わせのみ）'}` };
          })}
        />
        <TextareaField field={fields.message} label={labels.message} required maxLength={4000} hint="自己紹介と、この掲載に関心を持った理由をお書きください。" />
        <TextareaField field={fields.proposal} label={labels.proposal} maxLength={2000} hint={scout ? '期待する役割・期間・活動日数など。' : '派遣を想定している社員の経歴や、活動計画の概要など。'} />
        <Checkbox field={fields.asInquiry} label="問い合わせとして送る（制度の対象外の組み合わせでも送れます。合意には進めません）" />
        <SubmitButton>{scout ? 'スカウトを送る' : '応募する'}</SubmitButton>
      </Form>
    </div>
  );
}
