import { countItems, countOf } from './countItems.js';
import type { PreflightCheck, PreflightExpectations } from './PreflightReport.js';

interface FontRow {
  /** BaseFont without the subset tag; "[none]" for Chromium's Type 3 fonts. */
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

/**
 * Every font embedded and subset, no Type 3 (Chromium writes CFF fonts and synthetic bold as Type 3, docs/typesetting.md §7),
 * and only the declared families, from `pdffonts` output.
 */
export function checkFonts(pdffonts: string, expect: PreflightExpectations): PreflightCheck {
  const fonts = parseFontList(pdffonts);
  const problems = [
    ...fonts.filter((font) => font.type === 'Type 3').map((font) => `${font.name} is Type 3`),
    ...fonts.filter((font) => !font.embedded).map((font) => `${font.name} not embedded`),
    ...fonts.filter((font) => font.type !== 'Type 3' && !font.subset).map((font) => `${font.name} not subset`),
    ...fonts
      .filter((font) => font.type !== 'Type 3' && expect.declaredFonts && !expect.declaredFonts.some((family) => font.name.startsWith(family)))
      .map((font) => `${font.name} not declared (${expect.declaredFonts?.join(', ')})`),
  ];
  const summary = `${countOf(fonts.length, 'font')}: ${summariseFonts(fonts)}`;
  return {
    name: 'fonts',
    pass: problems.length === 0,
    detail: problems.length === 0 ? `${summary}; all embedded subsets` : `${countItems(problems)}; ${summary}`,
  };
}

/** Rows of `pdffonts`, cut at the column widths its dashed line gives (names may contain spaces). */
function parseFontList(pdffonts: string): FontRow[] {
  const lines = pdffonts.split('\n');
  const ruler = lines.findIndex((line) => line.startsWith('---'));
  if (ruler < 0) return [];
  const columns: [number, number][] = [...lines[ruler].matchAll(/-+/g)].map((match) => [match.index, match.index + match[0].length]);
  return lines
    .slice(ruler + 1)
    .filter((line) => line.trim())
    .map((line) => {
      const [name, type, , embedded, subset] = columns.map(([start, end]) => line.slice(start, end).trim());
      return { name: name.replace(/^[A-Z]{6}\+/, ''), type, embedded: embedded === 'yes', subset: subset === 'yes' };
    });
}

/** "NotoSerifSC-Regular (CID TrueType) ×2, [none] (Type 3) ×4" */
function summariseFonts(fonts: FontRow[]): string {
  return countItems(fonts.map((font) => `${font.name} (${font.type})`));
}
