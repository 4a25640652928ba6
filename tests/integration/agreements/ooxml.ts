import { unzipSync, strFromU8 } from 'fflate';

/** The parts of a .docx (a zip), decoded as UTF-8 text. */
export function unzipDocx(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

/**
 * Throws unless the XML is well-formed: one root, every tag closed in order, attributes quoted, no
 * stray `<` or `&` in text. (No XML parser is a dependency; this is the part of well-formedness
 * a generator can get wrong.)
 */
export function assertWellFormed(xml: string, name: string): void {
  const stack: string[] = [];
  let roots = 0;
  let i = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    for (let j = i; j < textEnd; j++) {
      if (xml[j] === '&') {
        ENTITY.lastIndex = j;
        if (!ENTITY.test(xml)) throw new Error(`${name}: bad entity at ${j}`);
      } else if (xml[j] === '>') throw new Error(`${name}: stray > at ${j}`);
    }
    if (lt === -1) break;
    const gt = xml.indexOf('>', lt);
    if (gt === -1) throw new Error(`${name}: unclosed tag at ${lt}`);
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (open !== tag.slice(1).trim()) throw new Error(`${name}: </${tag.slice(1)}> closes <${open}>`);
    } else if (!tag.startsWith('?') && !tag.startsWith('!')) {
      const m = /^([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)$/.exec(tag);
      if (!m) throw new Error(`${name}: malformed tag <${tag.slice(0, 80)}>`);
      if (stack.length === 0) roots += 1;
      if (!m[3]) stack.push(m[1]);
    }
    i = gt + 1;
  }
  if (stack.length) throw new Error(`${name}: <${stack.at(-1)}> never closed`);
  if (roots !== 1) throw new Error(`${name}: ${roots} root elements`);
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** The text of each paragraph (<w:p>) of a WordprocessingML part, in order. */
export function paragraphTexts(xml: string): string[] {
  const out: string[] = [];
  for (const p of xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)) {
    out.push([...p[1].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1])).join(''));
  }
  return out;
}
