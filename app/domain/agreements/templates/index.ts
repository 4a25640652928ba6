import type { AgreementKind } from '../draft';
import type { AgreementTemplate } from '../template';
import { dispatchFy2026 } from './dispatch-fy2026';
import { seniorFy2026, sideJobFy2026 } from './individual-fy2026';

/** The shipped clause templates. A new fiscal year's wording: add a file and list it here. */
export const DEFAULT_TEMPLATES: readonly AgreementTemplate[] = [dispatchFy2026, sideJobFy2026, seniorFy2026];

export type SelectedTemplate = { template: AgreementTemplate; provisional: boolean };

/**
 * The template of a kind for a fiscal year: that year's own, else the newest earlier one, else (for a
 * year before every template) the oldest; anything but the year's own is marked provisional.
 */
export function selectTemplate(
  templates: readonly AgreementTemplate[],
  kind: AgreementKind,
  fiscalYear: number,
): SelectedTemplate | undefined {
  const ofKind = templates.filter((t) => t.kind === kind).sort((a, b) => a.fiscalYear - b.fiscalYear);
  if (ofKind.length === 0) return undefined;
  let chosen = ofKind[0];
  for (const t of ofKind) if (t.fiscalYear <= fiscalYear) chosen = t;
  return { template: chosen, provisional: chosen.fiscalYear !== fiscalYear };
}
