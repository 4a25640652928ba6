import { beforeAll, describe, expect, it } from 'vitest';
import { AGREED_DEMO } from '../../db/seed/agreements';
import { formatWareki, japanToday } from '../../app/utils/dates';
import { checkA11y, overflowsHorizontally, screenshots } from '../helpers/browser';
import { agreeAndConclude, completeDispatchDraft, download, draftField } from '../helpers/agreement-draft';
import { seededBrowser } from '../helpers/seeded-browser';

const e2e = seededBrowser({ steps: ['accounts', 'listings', 'agreement-demo'] });
let applicationId: number;

beforeAll(async () => {
  const listing = await e2e.server.db.selectFrom('listings').select('id').where('title', '=', AGREED_DEMO.opening).executeTakeFirstOrThrow();
  ({ id: applicationId } = await e2e.server.db.selectFrom('applications').select('id').where('listing_id', '=', listing.id).executeTakeFirstOrThrow());
});

describe('agreement in a real browser', () => {
  it('a municipality and a company take the demo application from 合意 to 締結済, with a .docx and a PDF', async () => {
    const path = `/applications/${applicationId}/agreement`;
    const town = await e2e.signedIn('municipality');
    await town.page.goto(path);
    expect(await town.page.getByTestId('application-state').textContent()).toBe('合意');
    await town.page.getByRole('button', { name: '協定書の作成を始める' }).click();
    await expect.poll(() => town.page.getByRole('status').textContent()).toContain('協定/契約準備');

    // The pre-filled draft names what is still missing next to each field.
    expect(await draftField(town.page, 'municipality.name').inputValue()).toBe('海士町');
    expect(await draftField(town.page, 'municipality.address').getAttribute('aria-invalid')).toBe('true');
    expect(await checkA11y(town.page)).toEqual([]);
    await town.page.setViewportSize({ width: 360, height: 780 });
    expect(await overflowsHorizontally(town.page)).toBe(false);
    await town.page.setViewportSize({ width: 1280, height: 900 });
    await screenshots(town.page, 'agreement-prefilled');

    await completeDispatchDraft(town.page);
    expect(await town.page.getByTestId('check-ok').count()).toBe(1);
    expect(await town.page.getByTestId('tax-estimate').count()).toBe(1);
    expect(await checkA11y(town.page)).toEqual([]);
    await screenshots(town.page, 'agreement-complete');
    await town.page.getByRole('button', { name: '版2の内容に合意する' }).click();
    await expect.poll(() => town.page.getByTestId('approvals').textContent()).toContain('合意済');

    const firm = await e2e.signedIn('company');
    await firm.page.goto(path);
    await agreeAndConclude(firm.page);
    expect(await firm.page.getByTestId('concluded').textContent()).toContain(`締結日：${formatWareki(japanToday())}`);
    expect(await firm.page.getByRole('button', { name: '保存して新しい版にする' }).count()).toBe(0);
    const pdf = await download(firm.page, 'PDF');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await checkA11y(firm.page)).toEqual([]);
    await screenshots(firm.page, 'agreement-concluded');

    await firm.page.goto(`${path}/versions/2`);
    expect(await firm.page.getByTestId('changes').textContent()).toContain('山本 翔太');
    expect(await checkA11y(firm.page)).toEqual([]);
    await screenshots(firm.page, 'agreement-version-diff');

    await town.page.goto(`/applications/${applicationId}`);
    expect(await town.page.getByTestId('application-state').textContent()).toBe('締結済');
    await town.context.close();
    await firm.context.close();
  });
});
