import { parse } from 'content-disposition';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAgreement, documentDisplayStem, documentFileStem } from '../../../app/domain/agreements';
import { asciiFileName, contentDisposition } from '../../../app/services/downloads.server';
import { draftOf } from '../agreements/drafts';

/** What a strict RFC 6266 parser reads: the UTF-8 name (filename* wins) and the ASCII fallback alone. */
function read(header: string) {
  return { type: parse(header).type, name: parse(header).parameters.filename, fallback: parse(header, { extended: false }).parameters.filename };
}

describe('Content-Disposition', () => {
  it('sends a Japanese name as filename* (UTF-8) with the ASCII name as filename', () => {
    const header = contentDisposition('attachment', '協定書_海士町_株式会社みらい地域創生_版3.docx', 'agreement-dispatch-v3.docx');
    expect(read(header)).toEqual({ type: 'attachment', name: '協定書_海士町_株式会社みらい地域創生_版3.docx', fallback: 'agreement-dispatch-v3.docx' });
    expect(header).toContain("filename*=UTF-8''%E5%8D%94%E5%AE%9A%E6%9B%B8_");
  });

  it('derives a readable ASCII fallback when none is given', () => {
    expect(read(contentDisposition('attachment', '募集要項.pdf'))).toEqual({ type: 'attachment', name: '募集要項.pdf', fallback: 'download.pdf' });
    expect(asciiFileName('資料Ａ-2（最新）.pdf')).toBe('_A-2(_).pdf');
    expect(asciiFileName('résumé.pdf')).toBe('r_sum_.pdf');
  });

  it('keeps a plain ASCII name as it is, without filename*', () => {
    const header = contentDisposition('inline', 'agreement-senior-v2.html');
    expect(read(header)).toEqual({ type: 'inline', name: 'agreement-senior-v2.html', fallback: 'agreement-senior-v2.html' });
    expect(header).not.toContain('filename*');
  });

  it("encodes the characters RFC 8187 does not allow bare in filename* (' ( ) and spaces)", () => {
    const name = "会社案内 (2026年度) 'final'.pdf";
    const header = contentDisposition('attachment', name);
    expect(read(header).name).toBe(name);
    expect(header).not.toMatch(/filename\*=UTF-8''[^;]*[ '()*]/);
  });

  it('never lets a name carry a path, a quote or a control character into the header', () => {
    expect(read(contentDisposition('attachment', '../../etc/passwd')).name).toBe('.._.._etc_passwd');
    expect(read(contentDisposition('attachment', '見積"書"\r\nX-Evil: 1.pdf')).name).toBe('見積_書___X-Evil_ 1.pdf');
    expect(read(contentDisposition('attachment', '   ')).name).toBe('download');
  });

  it('any name gives an ASCII header that a strict parser reads back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.constantFrom('.pdf', '.docx', ''), (stem, ext) => {
        const header = contentDisposition('attachment', stem + ext);
        expect(header).toMatch(/^[\x20-\x7e]+$/);
        const { name, fallback } = read(header);
        expect(name.length).toBeGreaterThan(0);
        expect(fallback).toMatch(/^[\x20-\x7e]+$/);
        expect([...name].some((c) => c.charCodeAt(0) < 0x20 || '\u007f/\\:*?"<>|'.includes(c))).toBe(false);
      }),
    );
  });
});

describe('agreement file names', () => {
  it('name the document type, both parties and the version; the ASCII stem stays as before', () => {
    const dispatch = buildAgreement(draftOf('dispatch'));
    expect(documentDisplayStem(dispatch)).toBe(`協定書_函館市_株式会社みなとデジタル_版${dispatch.draftVersion}`);
    expect(documentFileStem(dispatch)).toBe(`agreement-dispatch-v${dispatch.draftVersion}`);
    const sideJob = buildAgreement(draftOf('side_job'));
    expect(documentDisplayStem(sideJob)).toBe(`契約書_海士町_西村 美咲_版${sideJob.draftVersion}`);
  });

  it('leave out a party not yet named', () => {
    const doc = buildAgreement(draftOf('senior'));
    expect(documentDisplayStem({ ...doc, parties: { municipality: '四万十町', partner: '  ' } })).toBe(`契約書_四万十町_版${doc.draftVersion}`);
  });
});
