import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from '../../../app/utils/markdown';

/** Payloads in the style of the OWASP XSS filter evasion list, each in Markdown context. */
const XSS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '![x" onerror="alert(1)](https://example.com/a.png)',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<<script>script>alert(1)<</script>/script>',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '> <img src=x onerror=alert(1)>',
  '- <a href=javascript:alert(1)>x</a>',
  '[x](https://example.com "title\\" onmouseover=\\"alert(1)")',
  '<a href="https://example.com" onclick="alert(1)">ok</a>',
  '<!-- --><script>alert(1)</script>',
  '<style>body{display:none}</style>',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 'del', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

/** Every real tag in the output (escaped text has no '<') is allowlisted, has no handler, and links only to safe schemes. */
function assertSafe(html: string) {
  for (const [tag, name, attrs] of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    expect(ALLOWED_TAGS.has(name!.toLowerCase()), tag).toBe(true);
    const names = attrs!.replace(/"[^"]*"/g, '""');
    expect(names, tag).not.toMatch(/\son\w+\s*=/i);
    expect(names, tag).not.toMatch(/\s(style|src|srcdoc|formaction)\s*=/i);
    for (const [, href] of attrs!.matchAll(/href="([^"]*)"/g)) expect(href, tag).toMatch(/^(https?:|mailto:|tel:)/);
  }
}

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown('## 課題\n\n- 予約が**電話**のみ\n- [町のサイト](https://example.lg.jp)\n\n改行も\nそのまま');
    expect(html).toContain('<h3>課題</h3>');
    expect(html).toContain('<strong>電話</strong>');
    expect(html).toContain('<a href="https://example.lg.jp" rel="nofollow noopener noreferrer ugc">町のサイト</a>');
    expect(html).toContain('改行も<br />');
  });

  it.each(XSS)('never lets %s through as markup', (payload) => {
    for (const source of [payload, `本文 ${payload} 続き`, `- ${payload}`]) {
      assertSafe(renderMarkdown(source));
    }
  });

  it('shows raw HTML as text instead of dropping what the user wrote', () => {
    expect(renderMarkdown('<b>太字</b>のつもり')).toContain('&lt;b&gt;太字&lt;/b&gt;');
  });

  it('turns images into plain links so pages load nothing from elsewhere', () => {
    expect(renderMarkdown('![写真](https://example.com/a.png)')).toBe('<p><a href="https://example.com/a.png" rel="nofollow noopener noreferrer ugc">写真</a></p>\n');
  });

  it('makes plain text for descriptions', () => {
    expect(markdownToText('**太字**と<script>x</script>', 100)).toBe('太字と<script>x</script>');
    expect(markdownToText('あ'.repeat(200), 10)).toHaveLength(10);
  });
});
