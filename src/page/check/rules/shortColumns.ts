/** 栏未排满: a column of a page in the middle of an article that does not reach the foot. */
import type { PageFinding as Finding } from '../../api.js';
import { countShort } from '../../core/shortColumns.js';
import { articleOf, finding, textOf, type Block, type Line } from '../blocks.js';

/**
 * 栏未排满: a hand-set page is a full grid, so on a page in the middle of an article (the article goes on
 * overleaf) every column of its body reaches the foot of the type area; the widow and orphan rules and headings
 * kept with their text push lines on and leave a column a line or two short. One finding per page, at its first
 * short column, naming each. The count is the core's (core/shortColumns.ts: what it counts and which pages it
 * does not judge), the one the column filling fills by.
 */
export function checkShortColumns(pages: Element[], blocks: Block[]): Finding[] {
  /** The body lines of each article, by article file. */
  const articles: Map<string, { lastPage: number; lines: Line[] }> = new Map();
  for (const line of blocks.flatMap((block) => block.lines)) {
    const file = articleOf(line.fragment.element);
    if (!file || !line.fragment.element.closest('.article-body')) continue;
    const article = articles.get(file) ?? { lastPage: 0, lines: [] };
    article.lastPage = Math.max(article.lastPage, line.page);
    article.lines.push(line);
    articles.set(file, article);
  }
  const findings: Finding[] = [];
  for (const { lastPage, lines } of articles.values()) {
    for (let page = lines[0].page; page < lastPage; page++) {
      const onPage = lines.filter((line) => line.page === page);
      const columned = onPage.find((line) => line.column !== null);
      const body = columned?.fragment.element.closest('.article-body');
      const count = body instanceof HTMLElement ? countShort(pages[page - 1], body) : undefined;
      if (!columned || !count?.short) continue;
      const short = count.short;
      const column = short.findIndex((lines) => lines >= 1);
      if (column < 0) continue;
      const last = onPage.filter((line) => line.column === column + 1).at(-1) ?? columned;
      const detail = short.flatMap((lines, index) => (lines >= 1 ? [`column ${index + 1} ends ${lines} line${lines > 1 ? 's' : ''} short of the foot`] : []));
      findings.push(finding('short-column', last.fragment, { page, column: column + 1 }, textOf(last), `${detail.join(', ')}; the article goes on overleaf`));
    }
  }
  return findings;
}
