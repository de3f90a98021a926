/**
 * Characters typed in a symbol font. Word and WPS store what the author picked from Symbol or Wingdings as the font's
 * own code: a private-use code point U+F0xx (Insert → Symbol) or a plain letter in a run set in Symbol (`a` in Symbol
 * shows α). Without the font neither means anything, and the build refuses the private-use ones (no face has them).
 * Each is replaced here by the Unicode character the font draws (dingbat-to-unicode's tables, the ones mammoth reads
 * `w:sym` with), in every run whose font is Symbol, Wingdings, Wingdings 2/3 or Webdings; the run's font goes, so the
 * character is drawn by the article's faces. What the tables do not know is left for the build's check to report.
 */
import dingbats from 'dingbat-to-unicode';
import { child, descendants } from './wordXml.js';

export interface SymbolMapping {
  font: string;
  /** The character as stored, e.g. `U+F0B4` or `a`. */
  from: string;
  to: string;
  count: number;
}

const symbolFonts = /^(symbol|wingdings( [23])?|webdings)$/i;

export function mapSymbolFonts(parts: (Document | undefined)[]): SymbolMapping[] {
  const mappings = new Map<string, SymbolMapping>();
  for (const part of parts) {
    if (!part) continue;
    for (const run of descendants(part, 'w:r')) {
      const fonts = child(child(run, 'w:rPr'), 'w:rFonts');
      const ascii = fonts?.getAttribute('w:ascii') || undefined;
      const hAnsi = fonts?.getAttribute('w:hAnsi') || undefined;
      const font = [ascii, hAnsi].find((name) => name && symbolFonts.test(name));
      if (!fonts || !font) continue;
      let changed = false;
      for (const text of descendants(run, 'w:t')) {
        const before = text.textContent ?? '';
        const after = [...before]
          .map((character) => {
            const code = character.codePointAt(0)!;
            // U+F0xx is the font's code xx whatever the run's fonts; a plain character only in the font that draws it.
            const drawnBy = code >= 0xf020 && code <= 0xf0ff ? font : code < 0x80 ? ascii : code <= 0xff ? hAnsi : undefined;
            if (!drawnBy || !symbolFonts.test(drawnBy)) return character;
            const mapped = dingbats.codePoint(drawnBy, code & 0xff);
            if (!mapped || mapped.string === character) return character;
            const from = code > 0xff ? `U+${code.toString(16).toUpperCase()}` : character;
            const key = `${drawnBy} ${from}`;
            const entry = mappings.get(key) ?? { font: drawnBy, from, to: mapped.string, count: 0 };
            entry.count++;
            mappings.set(key, entry);
            return mapped.string;
          })
          .join('');
        if (after !== before) {
          text.textContent = after;
          changed = true;
        }
      }
      // The Unicode character is drawn by the article's faces, not by a symbol font the printer does not have.
      if (changed) for (const attribute of ['w:ascii', 'w:hAnsi']) if (symbolFonts.test(fonts.getAttribute(attribute) ?? '')) fonts.removeAttribute(attribute);
    }
  }
  return [...mappings.values()];
}
