import fc from 'fast-check';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressPieces, splice } from '../../../app/server/spliced-gzip';
import { withoutNul, withoutPadding } from '../../../app/utils/nul-bytes';

const page = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => `<li class="card">起業人募集 ${i}：観光DXの推進</li>`).join(''));

describe('spliced gzip', () => {
  it('is a valid gzip stream of the pieces joined by any nonce of the same length', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 3000 }), { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[A-Za-z0-9+/]{22}==$/), (texts, nonce) => {
        const pieces = texts.map((t) => Buffer.from(t.replaceAll('\u0000', '')));
        const gz = compressPieces(pieces, 24);
        const out = gunzipSync(Buffer.concat(splice(gz, Buffer.from(nonce))));
        expect(out.equals(Buffer.from(pieces.map((p) => p.toString('latin1')).join(nonce), 'latin1'))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('compresses a real page as well as gzip does in one go, though the nonce changes', () => {
    const text = page(400);
    const cut = [text.subarray(0, 30_000), text.subarray(30_000, 31_000), text.subarray(31_000)];
    const gz = compressPieces(cut, 24);
    const spliced = Buffer.concat(splice(gz, Buffer.from('a'.repeat(22) + '==')));
    expect(gunzipSync(spliced).length).toBe(text.length + 48);
    // two stored nonces and the flush markers cost ~70 bytes
    expect(spliced.length).toBeLessThan(gzipSync(text).length * 1.02 + 100);
  });

  it('refuses a nonce of another length', () => {
    const gz = compressPieces([page(2), page(2)], 24);
    expect(() => splice(gz, Buffer.from('short'))).toThrow(/nonce of 5 bytes/);
  });
});

describe('NUL bytes in rendered pages', () => {
  it('trims the padding at the end of a chunk only', () => {
    const chunk = Buffer.concat([Buffer.from('観光'), Buffer.alloc(2)]);
    expect(withoutPadding(chunk).toString()).toBe('観光');
    const clean = Buffer.from('abc');
    expect(withoutPadding(clean)).toBe(clean);
  });

  it('removes every NUL wherever it stands, and leaves a clean page as it is', () => {
    expect(withoutNul(Buffer.from('\u0000a\u0000\u0000b\u0000')).toString()).toBe('ab');
    const clean = page(3);
    expect(withoutNul(clean)).toBe(clean);
  });
});
