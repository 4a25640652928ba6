import { constants, crc32, deflateRawSync } from 'node:zlib';

/*
 * A page compressed once, served many times with a different CSP nonce each time. The page is cut
 * at every place the nonce stands; each piece is deflated once (sync-flushed, so it ends on a byte
 * boundary), and every response puts its own nonce between them as a stored (uncompressed) block,
 * then the gzip trailer: the CRC-32 of the whole text, combined from the pieces' CRCs in a few
 * microseconds (zlib's crc32_combine) instead of read again over the page.
 *
 * A piece may refer back to the text before it (deflate's 32 KB window), so it compresses as well
 * as the page in one go: its preset dictionary is that text with every nonce as NUL bytes. A page
 * never holds a NUL (entry.server.tsx), so no back-reference can reach into a nonce, whose bytes
 * differ from one response to the next; only the nonce's length must stay the same.
 */

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x02, 0x03]);
/** the last block: empty, stored, BFINAL set */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

export type SplicedGzip = {
  nonceLength: number;
  /** gzip header + the first piece */
  head: Buffer;
  /** the pieces after each nonce, deflated */
  tails: Buffer[];
  crcs: number[];
  /** x^(8·length) mod P of each piece, to shift a CRC over it */
  shifts: number[];
  length: number;
  bytes: number;
};

const WINDOW = 32 * 1024;

export function compressPieces(pieces: Buffer[], nonceLength: number): SplicedGzip {
  const gap = Buffer.alloc(nonceLength);
  const text = Buffer.concat(pieces.flatMap((p, i) => (i === 0 ? [p] : [gap, p])));
  let offset = 0;
  const deflated = pieces.map((p, i) => {
    if (i > 0) offset += nonceLength;
    const dictionary = i > 0 ? text.subarray(Math.max(0, offset - WINDOW), offset) : undefined;
    offset += p.length;
    return deflateRawSync(p, { level: 9, memLevel: 9, finishFlush: constants.Z_SYNC_FLUSH, ...(dictionary?.length ? { dictionary } : {}) });
  });
  const tails = deflated.slice(1);
  return {
    nonceLength,
    head: Buffer.concat([GZIP_HEADER, deflated[0]]),
    tails,
    crcs: pieces.map((p) => crc32(p)),
    shifts: pieces.map((p) => shiftFor(p.length)),
    length: pieces.reduce((n, p) => n + p.length, 0),
    bytes: deflated.reduce((n, d) => n + d.length, GZIP_HEADER.length),
  };
}

/** The gzip member of the pieces joined by `nonce`, as buffers to write in order. */
export function splice(gz: SplicedGzip, nonce: Buffer): Buffer[] {
  if (nonce.length !== gz.nonceLength) throw new Error(`nonce of ${nonce.length} bytes where the page was compressed for ${gz.nonceLength}`);
  const stored = storedBlock(nonce);
  const nonceCrc = crc32(nonce);
  const nonceShift = shiftFor(nonce.length);
  const out: Buffer[] = [gz.head];
  let crc = gz.crcs[0];
  for (let i = 0; i < gz.tails.length; i += 1) {
    out.push(stored, gz.tails[i]);
    crc = (multModP(nonceShift, crc) ^ nonceCrc) >>> 0;
    crc = (multModP(gz.shifts[i + 1], crc) ^ gz.crcs[i + 1]) >>> 0;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE((gz.length + gz.tails.length * nonce.length) % 2 ** 32, 4);
  out.push(FINAL_BLOCK, trailer);
  return out;
}

function storedBlock(data: Buffer): Buffer {
  const header = Buffer.from([0x00, data.length & 0xff, data.length >> 8, ~data.length & 0xff, (~data.length >> 8) & 0xff]);
  return Buffer.concat([header, data]);
}

// CRC-32 arithmetic (reflected polynomial 0xedb88320), after zlib's crc32.c.
const POLY = 0xedb88320;

/** a·b modulo the CRC polynomial */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** X2N[k] = x^(2^k) mod P */
const X2N: number[] = [];
for (let k = 0, p = 0x40000000; k < 32; k += 1) {
  X2N.push(p);
  p = multModP(p, p);
}

/** x^(8·bytes) mod P: multiplying a CRC by it appends that many zero bytes */
function shiftFor(bytes: number): number {
  let p = 0x80000000;
  for (let n = bytes, k = 3; n > 0; n = Math.floor(n / 2), k += 1) if (n & 1) p = multModP(X2N[k & 31], p);
  return p;
}
