import { itemLine, paragraphLead, signatoryLines, type AgreementDocument } from '../domain/agreements';
import { JAPANESE_FONT_STACK } from './fonts.server';
import { exportStamp, stampLine, type ExportStamp } from './stamp.server';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of text from a draft goes through this: the draft is user input. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const FONT_FAMILY = [...JAPANESE_FONT_STACK.map((f) => `"${f}"`), 'serif'].join(', ');

// Inline so that the file prints the same when saved alone; sizes mirror the Word and PDF versions.
const CSS = `
@page { size: A4; margin: 24mm 20mm 22mm 20mm; }
* { box-sizing: border-box; }
html { font-family: ${FONT_FAMILY}; font-size: 10.5pt; line-height: 1.75; color: #1a1a1a; }
body { margin: 0; background: #f1f1f4; }
.sheet { width: 210mm; min-height: 297mm; margin: 12mm auto; padding: 24mm 20mm 22mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
h1 { font-size: 14pt; text-align: center; margin: 0 0 1.5em; font-weight: bold; }
p { margin: 0; text-align: justify; }
.lead { text-indent: 1em; margin-top: 1.2em; }
.heading { margin: .6em 0 0 1em; break-after: avoid; }
.para { padding-left: 1em; text-indent: -1em; }
.item { padding-left: 3em; text-indent: -2em; }
.date { margin-top: 1.2em; padding-left: 2em; }
.party { margin: 1.2em 0 0 16em; break-inside: avoid; }
.stamp { margin-top: 3em; font-size: 7pt; color: #555; text-align: center; word-break: break-all; }
@media print {
  body { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .stamp { position: fixed; bottom: -14mm; left: 0; right: 0; margin: 0; }
}
`;

/** A print-ready HTML page of the agreement (A4 print CSS), with version and hash in meta tags and footer. */
export function renderHtml(doc: AgreementDocument, stamp: ExportStamp = exportStamp(doc)): string {
  const e = escapeHtml;
  const body: string[] = [`<h1>${e(doc.title)}</h1>`, `<p class="lead">${e(doc.preamble)}</p>`];
  for (const a of doc.articles) {
    body.push(`<section class="article" id="article-${e(a.key)}">`, `<p class="heading">（${e(a.heading)}）</p>`);
    for (const p of a.paragraphs) {
      body.push(`<p class="para">${e(paragraphLead(a, p))}\u3000${e(p.text)}</p>`);
      for (const item of p.items) body.push(`<p class="item">${e(itemLine(item))}</p>`);
    }
    body.push('</section>');
  }
  body.push(`<p class="lead">${e(doc.closing)}</p>`, `<p class="date">${e(doc.date)}</p>`);
  for (const s of doc.signatories) body.push(`<div class="party">${signatoryLines(s).map((l) => `<p>${e(l)}</p>`).join('')}</div>`);
  body.push(`<footer class="stamp">${e(stampLine(stamp))}</footer>`);

  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="draft-version" content="${stamp.draftVersion}">
<meta name="content-sha256" content="${e(stamp.contentSha256)}">
<meta name="template" content="${e(stamp.templateId)}">
<title>${e(doc.title)}（版 ${stamp.draftVersion}）</title>
<style>${CSS}</style>
</head>
<body>
<main class="sheet">
${body.join('\n')}
</main>
</body>
</html>
`;
}
