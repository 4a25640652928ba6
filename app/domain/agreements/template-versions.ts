import type { AgreementKind } from './draft';
import type { AgreementTemplate } from './template';
import { selectTemplate } from './templates';

/*
 * Operator-edited templates are versions per kind and fiscal year: version 0 is the shipped template
 * (templates/*.ts, 「標準」), 1, 2, … are saved edits, and the newest one is in effect.
 */

export type TemplateVersion = { template: AgreementTemplate; version: number };

export function templateVersionLabel(version: number): string {
  return version === 0 ? '版0「標準」' : `版${version}`;
}

/** dispatch-fy2026 (shipped), dispatch-fy2026-v3 (third saved edit). */
export function templateIdFor(kind: AgreementKind, fiscalYear: number, version: number): string {
  return `${kind}-fy${fiscalYear}${version === 0 ? '' : `-v${version}`}`;
}

/**
 * The templates in effect: for each kind and fiscal year, its newest saved version, else the shipped
 * template. `latest` holds at most one version per kind and fiscal year.
 */
export function templatesInEffect(shipped: readonly AgreementTemplate[], latest: readonly TemplateVersion[]): TemplateVersion[] {
  const key = (t: AgreementTemplate) => `${t.kind}/${t.fiscalYear}`;
  const saved = new Map(latest.map((v) => [key(v.template), v]));
  const out: TemplateVersion[] = shipped.map((t) => saved.get(key(t)) ?? { template: t, version: 0 });
  const shippedKeys = new Set(shipped.map(key));
  for (const v of latest) if (!shippedKeys.has(key(v.template))) out.push(v);
  return out;
}

/** selectTemplate over versions: the one a draft of this kind and fiscal year uses, with its version number. */
export function selectTemplateVersion(set: readonly TemplateVersion[], kind: AgreementKind, fiscalYear: number): (TemplateVersion & { provisional: boolean }) | undefined {
  const selected = selectTemplate(
    set.map((v) => v.template),
    kind,
    fiscalYear,
  );
  if (!selected) return undefined;
  const version = set.find((v) => v.template === selected.template)!;
  return { ...version, provisional: selected.provisional };
}
