import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../app/domain/listings';
import { inspectAttachment } from '../../../app/services/listing-attachments.server';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const ELF = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, ...new Array(50).fill(0)]);

describe('attachment checks', () => {
  it('accepts PDF and PNG by their content', async () => {
    expect(await inspectAttachment(PDF)).toEqual({ ok: true, mime: 'application/pdf' });
    expect(await inspectAttachment(PNG)).toEqual({ ok: true, mime: 'image/png' });
  });

  it('refuses executables, HTML and text whatever they are called', async () => {
    for (const bytes of [ELF, EXE, new TextEncoder().encode('<html><script>alert(1)</script></html>'), new TextEncoder().encode('hello')]) {
      const r = await inspectAttachment(bytes);
      expect(r.ok).toBe(false);
    }
  });

  it('refuses empty and oversized files', async () => {
    expect((await inspectAttachment(new Uint8Array())).ok).toBe(false);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    expect(await inspectAttachment(big)).toEqual({ ok: false, message: 'ファイルは10MB以下にしてください。' });
  });

  it('names downloads after the real type, without paths', () => {
    expect(safeFileName('../../etc/募集要項.exe', 'application/pdf')).toBe('募集要項.pdf');
    expect(safeFileName('C:\\x\\"a<b>".png', 'image/png')).toBe('ab.png');
    expect(safeFileName('', 'image/jpeg')).toBe('attachment.jpg');
  });
});
