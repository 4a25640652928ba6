/**
 * React 18.3 writes its whole 2 KB buffer when the next multi-byte character (all of Japanese) does
 * not fit at its end (react-dom-server.node `writeStringChunk`), so such a chunk ends in up to three
 * unwritten NUL bytes; they are always at the end of the chunk, so only the end is looked at.
 */
export function withoutPadding(chunk: Buffer): Buffer {
  let end = chunk.length;
  while (end > 0 && chunk[end - 1] === 0) end -= 1;
  return end === chunk.length ? chunk : chunk.subarray(0, end);
}

/** A NUL typed into stored text would reach the page as it is: the page never carries one. */
export function withoutNul(body: Buffer): Buffer {
  let at = body.indexOf(0);
  if (at < 0) return body;
  const parts: Buffer[] = [];
  let from = 0;
  while (at >= 0) {
    parts.push(body.subarray(from, at));
    from = at + 1;
    at = body.indexOf(0, from);
  }
  parts.push(body.subarray(from));
  return Buffer.concat(parts);
}
