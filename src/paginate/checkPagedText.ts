/** One article's text (whitespace removed) before pagination and as found on the pages after it. */
export interface PagedTextReport {
  id: string;
  file: string;
  text: string;
  paged: string;
  pages: number[];
}

/** Returns a one-line description of the first article whose text changed in pagination, or undefined. */
export function checkPagedText(reports: PagedTextReport[]): string | undefined {
  for (const report of reports) {
    if (report.text === report.paged) continue;
    let index = 0;
    while (index < report.text.length && report.text[index] === report.paged[index]) index++;
    const page = report.pages.length > 0 ? `on pages ${report.pages[0]}–${report.pages.at(-1)}` : 'on no page at all';
    const expected = report.text.slice(Math.max(0, index - 8), index + 12);
    const found = report.paged.slice(Math.max(0, index - 8), index + 12);
    return `${report.file}: text lost or changed by pagination ${page}: expected “${expected}”, found “${found}”; no PDF was written (Paged.js cannot split a paragraph longer than a page: split it in the source; otherwise report the layout with --html)`;
  }
  return undefined;
}
