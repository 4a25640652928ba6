import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { renderAgreement } from '../../../app/documents/render.server';
import { buildAgreement, type AgreementKind } from '../../../app/domain/agreements';
import { draftOf } from '../../unit/agreements/drafts';

// Opens the .docx in LibreOffice (the office suite many municipalities use) and converts it to PDF.
// Runs where LibreOffice is installed (CI installs it); skipped elsewhere.
const office = ['libreoffice', 'soffice'].find((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0);
// Without any Japanese font on the machine LibreOffice still converts, but draws (and maps) missing glyphs,
// so the text is compared only where fontconfig knows a Japanese font (e.g. fonts-ipaexfont-gothic).
const japaneseFont = spawnSync('sh', ['-c', 'fc-list :lang=ja']).stdout?.toString().trim() !== '';
const work = mkdtempSync(path.join(tmpdir(), 'agreement-lo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!office)('LibreOffice opens the generated .docx', () => {
  it.for(['dispatch', 'side_job', 'senior'] as AgreementKind[])('%s converts to PDF with the agreement text', { timeout: 180_000 }, async (kind, ctx) => {
    const doc = buildAgreement(draftOf(kind));
    const input = path.join(work, `${kind}.docx`);
    writeFileSync(input, (await renderAgreement(doc, 'docx')).body);
    execFileSync(office!, [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, input], {
      timeout: 170_000,
      stdio: 'pipe',
    });
    const output = path.join(work, `${kind}.pdf`);
    expect(existsSync(output)).toBe(true);
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(output)), { verbosity: 0 });
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    expect(totalPages).toBeGreaterThanOrEqual(2);
    // The conversion itself is checked above; the text only where Japanese glyphs can be drawn.
    if (!japaneseFont) ctx.skip('no Japanese font known to fontconfig (fc-list :lang=ja): the PDF text is not compared');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(doc.title);
    expect(flat).toContain('第1条');
    expect(flat).toContain(`第${doc.articles.length}条`);
    expect(flat).toContain(doc.articles[0].paragraphs[0].text.replace(/\s+/g, '').slice(0, 30));
  });
});
