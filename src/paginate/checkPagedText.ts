/**
 * One article's text (whitespace removed) before pagination and as found on the pages after it. Figures float out of
 * the text's order (wide ones to the top of a page, column ones past the lines that fill the column before them):
 * their text (the caption) is not in `text` and `paged` but in `figures` and `pagedFigures`, one entry per figure,
 * before pagination and on the pages: the wide ones in order, then the column ones in order.
 */
import type { PagedTextReport } from '../page/api.js';

export type { PagedTextReport };

/** Returns a one-line description of the first article whose text or floated figures changed in pagination, or undefined. */
export function checkPagedText(reports: PagedTextReport[]): string | undefined {
  for (const report of reports) {
    const page = report.pages.length > 0 ? `on pages ${report.pages[0]}–${report.pages.at(-1)}` : 'on no page at all';
    if (report.text !== report.paged) {
      let index = 0;
      while (index < report.text.length && report.text[index] === report.paged[index]) index++;
      const expected = report.text.slice(Math.max(0, index - 8), index + 12);
      const found = report.paged.slice(Math.max(0, index - 8), index + 12);
      return `${report.file}: text lost or changed by pagination ${page}: expected “${expected}”, found “${found}”; no PDF was written (Paged.js cannot split a paragraph longer than a page: split it in the source; otherwise report the layout with --html)`;
    }
    const index = report.figures.findIndex((figure, at) => report.pagedFigures[at] !== figure);
    if (index >= 0 || report.pagedFigures.length > report.figures.length) {
      const at = index >= 0 ? index : report.figures.length;
      const found = report.pagedFigures[at] === undefined ? 'none' : `“${report.pagedFigures[at]}”`;
      return `${report.file}: figure ${at + 1} of ${report.figures.length} lost, repeated or out of order in pagination ${page}: expected “${report.figures[at] ?? ''}”, found ${found}; no PDF was written (report the layout with --html)`;
    }
  }
  return undefined;
}
