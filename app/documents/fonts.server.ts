import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * BIZ UDPGothic (SIL OFL 1.1), a universal-design Japanese font, shipped as TTF inside an npm package:
 * PDF generation cannot download fonts at run time, and pdfkit embeds (and subsets) TTF but not WOFF2.
 */
export const JAPANESE_FONT = {
  family: 'BIZ UDPGothic',
  regular: '@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf',
  bold: '@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf',
} as const;

/** East Asian font names declared in .docx and HTML, best first; the viewer uses the first it has. */
export const JAPANESE_FONT_STACK = ['BIZ UDPGothic', 'BIZ UDPゴシック', 'MS Mincho', 'ＭＳ 明朝', 'Yu Mincho', 'Noto Sans JP', 'IPAexGothic'] as const;

const cache = new Map<string, Buffer>();

/** The font file's bytes, read once per process (4.5 MB each). */
export function fontBytes(weight: 'regular' | 'bold'): Buffer {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFileSync(require.resolve(JAPANESE_FONT[weight]));
    cache.set(weight, bytes);
  }
  return bytes;
}
