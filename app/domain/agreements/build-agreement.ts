import { fiscalYearOf, termOf } from '../eligibility';
import { formatWareki } from '../../utils/dates';
import { BLANK_WAREKI_DATE } from './dates';
import { articleLabel, type AgreementArticle, type AgreementDocument } from './document';
import { AGREEMENT_KIND_LABELS, type AgreementDraft } from './draft';
import { AgreementTemplateError, fillText, getPath, holds, type FillOptions } from './fill';
import type { AgreementTemplate } from './template';
import { DEFAULT_TEMPLATES, selectTemplate } from './templates';

/** The fiscal year whose templates and rules an agreement uses: the draft's own, else that of the term's start. */
export function draftFiscalYear(draft: AgreementDraft): number {
  return draft.fiscalYear ?? fiscalYearOf(draft.term.start);
}

/** 1年6か月, 6か月, 5か月29日 — the term as written in the agreement. */
export function termLengthText(start: string, end: string): string {
  const t = termOf(start, end);
  if (!t) return '期間不正';
  const y = Math.floor(t.months / 12);
  const m = t.months % 12;
  return `${y ? `${y}年` : ''}${m ? `${m}か月` : ''}${t.extraDays ? `${t.extraDays}日` : ''}` || '0日';
}

/** The values templates may use: the draft itself plus a few derived ones under `derived.`. */
export function templateContext(draft: AgreementDraft, template: AgreementTemplate) {
  return {
    ...draft,
    derived: {
      kindLabel: AGREEMENT_KIND_LABELS[draft.kind],
      documentShort: template.documentType === '協定書' ? '協定' : '契約',
      termLength: termLengthText(draft.term.start, draft.term.end),
    },
  };
}

/**
 * Builds the agreement's text from a draft and the clause templates (the shipped ones by default, or an
 * operator-edited set). Throws AgreementTemplateError when no template fits or a placeholder has no value.
 */
export function buildAgreement(draft: AgreementDraft, templates: readonly AgreementTemplate[] = DEFAULT_TEMPLATES): AgreementDocument {
  const fiscalYear = draftFiscalYear(draft);
  const selected = selectTemplate(templates, draft.kind, fiscalYear);
  if (!selected) throw new AgreementTemplateError(`${AGREEMENT_KIND_LABELS[draft.kind]}のひな形がありません`);
  const { template, provisional } = selected;
  const context = templateContext(draft, template);

  const kept = template.articles.filter((a) => holds(a.when, context));
  const refs: Record<string, string> = {};
  kept.forEach((a, i) => (refs[a.key] = articleLabel(i + 1)));
  const opts = (where: string): FillOptions => ({ labels: template.labels, refs, where: `${template.id} ${where}` });

  const articles: AgreementArticle[] = kept.map((a, i) => {
    const paragraphs = a.paragraphs
      .filter((p) => holds(p.when, context))
      .map((p, j) => {
        const where = `${a.key}[${j}]`;
        const itemTexts = !p.items
          ? []
          : Array.isArray(p.items)
            ? p.items.map((t) => fillText(t, context, opts(where)))
            : listAt(context, p.items.each, where);
        return {
          label: j === 0 ? null : String(j + 1),
          text: fillText(p.text, context, opts(where)),
          items: itemTexts.map((text, k) => ({ label: `（${k + 1}）`, text })),
        };
      });
    return { key: a.key, number: i + 1, label: articleLabel(i + 1), heading: a.heading, paragraphs };
  });

  return {
    kind: draft.kind,
    kindLabel: AGREEMENT_KIND_LABELS[draft.kind],
    documentType: template.documentType,
    title: fillText(template.title, context, opts('title')),
    draftVersion: draft.version,
    fiscalYear,
    templateId: template.id,
    templateProvisional: provisional,
    preamble: fillText(template.preamble, context, opts('preamble')),
    articles,
    closing: fillText(template.closing, context, opts('closing')),
    date: draft.agreementDate ? formatWareki(draft.agreementDate) : BLANK_WAREKI_DATE,
    signatories: template.signatories.map((s) => ({ role: s.role, lines: s.lines.map((l) => fillText(l, context, opts(`signatory ${s.role}`))) })),
    parties: { municipality: draft.municipality.name, partner: draft.kind === 'dispatch' ? draft.company.name : draft.person.name },
  };
}

function listAt(context: unknown, path: string, where: string): string[] {
  const value = getPath(context, path);
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new AgreementTemplateError(`${where}: items.each "${path}" は文字列の一覧ではありません`);
  }
  return value as string[];
}
