import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { renderAgreement } from '../../../app/documents/render.server';
import { escapeHtml } from '../../../app/documents/html.server';
import { buildAgreement, documentLines, type AgreementKind } from '../../../app/domain/agreements';
import { draftOf } from '../../unit/agreements/drafts';
import { assertWellFormed, paragraphTexts, unzipDocx } from './ooxml';

const KINDS: AgreementKind[] = ['dispatch', 'side_job', 'senior'];
const sha256 = (lines: string[]) => createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex');
const squash = (s: string) => s.replace(/\s+/g, '');

/** Values from each example that must appear, filled in, somewhere in the document. */
const FILLED: Record<AgreementKind, string[]> = {
  dispatch: ['函館市長　北野 一郎', '株式会社みなとデジタル', '令和8年10月1日から令和10年3月31日まで', '月額金480,000円', '令和8年9月15日'],
  side_job: ['海士町長　沖 誠', '株式会社博多ソフトウェア', '令和8年7月1日から令和9年6月30日まで', '月額金80,000円', '各年度金900,000円', '令和8年5月20日付け'],
  senior: ['四万十町長　川上 正', 'なにわ産業株式会社を令和7年12月31日に退職', '令和8年4月1日から令和9年3月31日まで', '月額金90,000円', '令和8年3月10日'],
};

describe.each(KINDS)('%s exports', (kind) => {
  const doc = buildAgreement(draftOf(kind));
  const lines = documentLines(doc);
  const hash = sha256(lines);

  it('docx: valid OOXML whose paragraphs are exactly the agreement, stamped with version and hash', async () => {
    const out = await renderAgreement(doc, 'docx');
    expect(out.asciiFileName).toBe(`agreement-${kind}-v${doc.draftVersion}.docx`);
    expect(out.fileName).toBe(`${doc.documentType}_${doc.parties.municipality}_${doc.parties.partner}_版${doc.draftVersion}.docx`);
    expect(out.stamp).toEqual({ draftVersion: doc.draftVersion, contentSha256: hash, templateId: doc.templateId });
    const parts = unzipDocx(out.body);
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'docProps/core.xml', 'docProps/custom.xml']) {
      expect(parts[part], part).toBeDefined();
    }
    for (const [name, xml] of Object.entries(parts)) if (name.endsWith('.xml') || name.endsWith('.rels')) assertWellFormed(xml, name);

    const body = paragraphTexts(parts['word/document.xml']);
    expect(body).toEqual(lines);
    expect(body.filter((t) => /^第\d+条\u3000/.test(t)).map((t) => t.match(/^第(\d+)条/)![1])).toEqual(doc.articles.map((a) => String(a.number)));
    for (const v of FILLED[kind]) expect(body.join('\n')).toContain(v);

    // A4 portrait, Japanese font declared for East Asian text, Japanese language
    expect(parts['word/document.xml']).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(parts['word/styles.xml']).toContain('w:eastAsia="BIZ UDPGothic"');
    expect(parts['word/styles.xml']).toMatch(/w:lang [^>]*w:eastAsia="ja-JP"/);

    const footer = Object.entries(parts).find(([n]) => /^word\/footer\d*\.xml$/.test(n))![1];
    expect(paragraphTexts(footer).join('\n')).toContain(`版 ${doc.draftVersion} ／ SHA-256 ${hash}`);
    expect(parts['docProps/custom.xml']).toContain(hash);
    expect(parts['docProps/core.xml']).toContain(`draft-version:${doc.draftVersion}`);
  });

  it('pdf: parses back with every line of the agreement, Japanese font embedded, stamped', async () => {
    const out = await renderAgreement(doc, 'pdf');
    expect(out.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = out.body.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+BIZUDPGothic-Regular/);
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');

    // verbosity 0: pdf.js warns about the hinting of the subset font, which viewers ignore too
    const pdf = await getDocumentProxy(new Uint8Array(out.body), { verbosity: 0 });
    const { text: pages, totalPages } = await extractText(pdf, { mergePages: false });
    expect(totalPages).toBeGreaterThanOrEqual(2);
    const stampText = squash(`版 ${doc.draftVersion} ／ SHA-256 ${hash}`);
    // every page ends with its number and the stamp; without them the pages read as the agreement
    const body = pages.map((page, i) => {
      const flat = squash(page);
      const foot = `-${i + 1}/${totalPages}-${stampText}`;
      expect(flat.endsWith(foot), `footer of page ${i + 1}`).toBe(true);
      return flat.slice(0, -foot.length);
    });
    expect(body.join('')).toBe(squash(lines.join('')));
    const meta = await getMeta(pdf);
    expect(meta.info.Title).toBe(doc.title);
    expect(String(meta.info.Keywords)).toContain(`sha256:${hash}`);
  });

  it('html: A4 print page with every line escaped, stamped', async () => {
    const out = await renderAgreement(doc, 'html');
    const html = out.body.toString('utf8');
    expect(html).toMatch(/@page \{ size: A4;/);
    expect(html).toContain(`<meta name="content-sha256" content="${hash}">`);
    expect(html).toContain(`<meta name="draft-version" content="${doc.draftVersion}">`);
    for (const line of lines) expect(html).toContain(escapeHtml(line));
    expect(html).toContain(`版 ${doc.draftVersion} ／ SHA-256 ${hash}`);
  });
});

describe('exports of one draft version', () => {
  it('carry the same content hash in every format; a change of text changes it', async () => {
    const doc = buildAgreement(draftOf('dispatch'));
    const stamps = await Promise.all((['docx', 'pdf', 'html'] as const).map(async (f) => (await renderAgreement(doc, f)).stamp));
    expect(new Set(stamps.map((s) => s.contentSha256)).size).toBe(1);
    const changed = buildAgreement(draftOf('dispatch', { amounts: { contributionMonthly: 480_001 } }));
    expect((await renderAgreement(changed, 'html')).stamp.contentSha256).not.toBe(stamps[0].contentSha256);
  });

  it('escape markup typed into the draft in HTML and docx', async () => {
    const doc = buildAgreement(draftOf('dispatch', { purpose: '<script>alert("x")</script> & <b>地域</b>の振興を図ること' }));
    const html = (await renderAgreement(doc, 'html')).body.toString('utf8');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;地域&lt;/b&gt;');
    const parts = unzipDocx((await renderAgreement(doc, 'docx')).body);
    assertWellFormed(parts['word/document.xml'], 'document.xml');
    expect(paragraphTexts(parts['word/document.xml'])).toContain(`第1条\u3000${doc.articles[0].paragraphs[0].text}`);
  });
});
