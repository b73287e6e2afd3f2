/** Noto Sans JP (TTF from npm, embedded as a subset by pdfkit), read once per process. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
let loads = 0;

export function receiptFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    loads += 1;
    fonts = {
      regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf')),
      bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf')),
    };
  }
  return fonts;
}

/** How many times the font files were read (1 after any number of receipts). */
export function fontLoadCount(): number {
  return loads;
}
