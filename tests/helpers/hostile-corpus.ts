/*
 * Bad input that every form and JSON API must refuse (or store harmlessly) without a 500.
 * Each entry has a short name so a failing case says which payload broke which field.
 */

export type HostileValue = { name: string; value: string };

const LONG = 100_000;

/** Free-text payloads: script injection, SQL metacharacters, oversize, odd code points. */
export const HOSTILE_TEXT: HostileValue[] = [
  { name: 'xss-script', value: '<script>alert("xss")</script>' },
  { name: 'xss-img', value: '"><img src=x onerror=alert(1)>' },
  { name: 'xss-js-url', value: 'javascript:alert(document.cookie)' },
  { name: 'xss-svg', value: "<svg/onload=alert('x')>" },
  { name: 'sql-quote', value: "' OR '1'='1" },
  { name: 'sql-drop', value: "'); DROP TABLE listings; --" },
  { name: 'sql-comment', value: '1; SELECT pg_sleep(0) /* */ --' },
  { name: 'like-wildcards', value: '%_%\\' },
  { name: 'over-long', value: 'あ'.repeat(LONG) },
  { name: 'over-long-ascii', value: 'a'.repeat(LONG) },
  { name: 'nul', value: 'abc\u0000def' },
  { name: 'control-chars', value: '\u0001\u0007\u001b[31m\u007f' },
  { name: 'rtl-override', value: 'invoice\u202Efdp.exe' },
  { name: 'zero-width', value: '\u200B\u200D\uFEFF' },
  { name: 'lone-surrogate', value: 'x\uD800y' },
  { name: 'full-width', value: 'ＡＢＣ１２３＠ｅｘａｍｐｌｅ．ｊｐ' },
  { name: 'half-width-kana', value: 'ｶﾞｲｺｸｼﾞﾝ' },
  { name: 'emoji', value: '👨‍👩‍👧‍👦🏳️‍🌈' },
  { name: 'whitespace-only', value: ' \u3000\t\n ' },
  { name: 'template', value: '{{7*7}}${7*7}<%= 7*7 %>' },
  { name: 'json-proto', value: '{"__proto__":{"admin":true}}' },
];

/** Values for numeric fields: wrong types and out-of-range numbers. */
export const HOSTILE_NUMBERS: HostileValue[] = [
  { name: 'not-a-number', value: 'abc' },
  { name: 'negative', value: '-1' },
  { name: 'huge', value: '99999999999999999999999' },
  { name: 'float', value: '1.5' },
  { name: 'exponent', value: '1e309' },
  { name: 'nan', value: 'NaN' },
  { name: 'infinity', value: 'Infinity' },
  { name: 'hex', value: '0x10' },
  { name: 'sql', value: '1 OR 1=1' },
  { name: 'full-width-huge', value: '９９９９９９９９９' },
];

/** Dates that do not exist or are not in the expected YYYY-MM-DD form. */
export const INVALID_DATES: HostileValue[] = [
  { name: 'feb-30', value: '2026-02-30' },
  { name: 'month-13', value: '2026-13-01' },
  { name: 'wareki-reiwa-99', value: '令和99年' },
  { name: 'wareki-full', value: '令和8年2月30日' },
  { name: 'year-0', value: '0000-01-01' },
  { name: 'year-5-digits', value: '20260-01-01' },
  { name: 'slashes', value: '2026/04/01' },
  { name: 'full-width-digits', value: '２０２６－０４－０１' },
  { name: 'text', value: 'tomorrow' },
  { name: 'sql', value: "2026-04-01' OR '1'='1" },
];

/** 法人番号: 13 digits with a check digit (the first digit). */
export const INVALID_CORPORATE_NUMBERS: HostileValue[] = [
  { name: 'bad-check-digit', value: '1234567890123' },
  { name: 'twelve-digits', value: '123456789012' },
  { name: 'fourteen-digits', value: '12345678901234' },
  { name: 'letters', value: '12345678901AB' },
  { name: 'all-zero', value: '0000000000000' },
  { name: 'sql', value: "1' OR '1'='1" },
];

/** 全国地方公共団体コード: 6 digits with a check digit, and it must exist in the master. */
export const INVALID_LG_CODES: HostileValue[] = [
  { name: 'bad-check-digit', value: '325259' },
  { name: 'five-digits', value: '32525' },
  { name: 'seven-digits', value: '3252520' },
  { name: 'unknown-prefecture', value: '995255' },
  { name: 'letters', value: '32525x' },
  { name: 'sql', value: "325252' --" },
];

/** An ELF executable header saved under a .pdf name (content check must refuse it). */
export function renamedExecutable(): { name: string; type: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(4096);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00], 0);
  return { name: 'report.pdf', type: 'application/pdf', bytes };
}

/** A minimal real PDF of the given size (padding after %%EOF keeps it a PDF for type sniffing). */
export function pdfOfSize(size: number): Uint8Array {
  const head = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const bytes = new Uint8Array(Math.max(size, head.length));
  bytes.set(head, 0);
  return bytes;
}

/** A multipart body carrying one file under `field` plus optional text fields. */
export function multipart(field: string, file: { name: string; type: string; bytes: Uint8Array }, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set(field, new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name);
  return form;
}

/** True when the text contains any of the raw markup payloads unescaped. */
export function containsRawMarkup(html: string): boolean {
  return /<script>alert\("xss"\)<\/script>|<img src=x onerror|<svg\/onload/i.test(html);
}

/**
 * `redirectTo` targets that must never leave the site nor break the Location header: whitespace and
 * control characters a browser strips (`/\t/evil` becomes `//evil`), CR/LF (header injection),
 * U+3000, backslashes, dot segments, percent-encoded variants and absolute URLs.
 */
export const HOSTILE_REDIRECTS: HostileValue[] = [
  { name: 'tab', value: '/\t/evil.example' },
  { name: 'lf', value: '/\n/evil.example' },
  { name: 'cr', value: '/\r/evil.example' },
  { name: 'crlf-header', value: '/\r\nSet-Cookie: km_session=x' },
  { name: 'ideographic-space', value: '/\u3000/evil.example' },
  { name: 'nbsp', value: '/\u00a0/evil.example' },
  { name: 'line-separator', value: '/\u2028/evil.example' },
  { name: 'zero-width', value: '/\u200b/evil.example' },
  { name: 'nul', value: '/\u0000/evil.example' },
  { name: 'encoded-tab', value: '/%09/evil.example' },
  { name: 'encoded-lf', value: '/%0a/evil.example' },
  { name: 'encoded-ideographic-space', value: '/%E3%80%80/evil.example' },
  { name: 'encoded-slash', value: '/%2F/evil.example' },
  { name: 'backslash', value: '/\\evil.example' },
  { name: 'slash-backslash', value: '/\\/evil.example' },
  { name: 'protocol-relative', value: '//evil.example' },
  { name: 'dot', value: '/./evil.example' },
  { name: 'dot-dot-slash', value: '/..//evil.example' },
  { name: 'encoded-dot-dot', value: '/%2e%2e//evil.example' },
  { name: 'absolute', value: 'https://evil.example/' },
  { name: 'javascript', value: 'javascript:alert(1)' },
  { name: 'broken-escape', value: '/%' },
];

/** Ids of the right length and alphabet that are not UUIDs (a 36-character id PostgreSQL's uuid type refuses). */
export const NOT_UUIDS: HostileValue[] = [
  { name: '36-a', value: 'a'.repeat(36) },
  { name: '36-dashes', value: '-'.repeat(36) },
  { name: 'uuid-shape-non-hex', value: 'gggggggg-gggg-gggg-gggg-gggggggggggg' },
  { name: 'uuid-too-long', value: '00000000-0000-4000-8000-0000000000000' },
  { name: 'uuid-sql', value: "00000000-0000-4000-8000-00000000000'" },
];

/** File names that break a naive Content-Disposition parser. */
export const HOSTILE_FILE_NAMES: HostileValue[] = [
  { name: 'semicolon', value: 'report;.pdf' },
  { name: 'equals', value: 'a=b.pdf' },
  { name: 'semicolon-equals', value: 'x; filename=evil.exe.pdf' },
  { name: 'quote', value: 'say "hi".pdf' },
  { name: 'japanese', value: '提案書；第2版＝最終.pdf' },
];

/** Bodies of a type no form accepts (415 with a Japanese explanation). */
export const UNSUPPORTED_BODIES: { name: string; type: string; body: string }[] = [
  { name: 'json', type: 'application/json', body: '{"email":"x"}' },
  { name: 'xml', type: 'application/xml', body: '<x/>' },
  { name: 'text-plain', type: 'text/plain', body: 'email=x@example.jp' },
  { name: 'text-plain-charset', type: 'text/plain;charset=UTF-8', body: 'email=x' },
];
