/** 栏未排满: a column of a page in the middle of an article that does not reach the foot. */
import type { PageFinding as Finding } from '../../api.js';
import type { Columns } from '../../core/columns.js';
import { lineBoxBottom, linesBelow } from '../../core/grid.js';
import { articleOf, finding, textOf, type Block, type Line } from '../blocks.js';
import { columnAt, type createContext } from '../context.js';

/**
 * 栏未排满: a hand-set page is a full grid, so on a page in the middle of an article (the article goes on
 * overleaf) every column of its body reaches the foot of the type area; the widow and orphan rules and headings
 * kept with their text push lines on and leave a column a line or two short. One finding per page, at its first
 * short column, naming each. Not judged: a page whose lowest
 * content spans the columns (a table), which ends its columns above it, balanced.
 */
export function checkShortColumns(pages: Element[], blocks: Block[], context: ReturnType<typeof createContext>): Finding[] {
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
      const content = pages[page - 1]?.querySelector('.pagedjs_page_content');
      const columned = onPage.find((line) => line.column !== null);
      if (!content || !columned) continue;
      const columns = context.multicolOf(columned.fragment.element) as Columns;
      const bottoms = Array.from({ length: columns.count }, () => -Infinity);
      let spanning = -Infinity;
      const pitch = parseFloat(context.style(columned.fragment.element).lineHeight);
      for (const line of onPage) {
        const bottom = lineBoxBottom(line.top, line.bottom, pitch);
        if (line.column === null) spanning = Math.max(spanning, bottom);
        else bottoms[line.column - 1] = Math.max(bottoms[line.column - 1], bottom);
      }
      // Figures and images draw no lines of text: their boxes end their columns.
      for (const element of Array.from(pages[page - 1].querySelectorAll('.article-body :is(figure, img)'))) {
        const box = element.getBoundingClientRect();
        const column = columnAt(element, box.left, context);
        if (column !== null) bottoms[column - 1] = Math.max(bottoms[column - 1], box.bottom);
      }
      if (spanning > Math.max(...bottoms)) continue;
      const foot = content.getBoundingClientRect().bottom;
      const short = bottoms.map((bottom) => linesBelow(bottom, foot, pitch));
      const column = short.findIndex((lines) => lines >= 1);
      if (column < 0) continue;
      const last = onPage.filter((line) => line.column === column + 1).at(-1) ?? columned;
      const detail = short.flatMap((lines, index) => (lines >= 1 ? [`column ${index + 1} ends ${lines} line${lines > 1 ? 's' : ''} short of the foot`] : []));
      findings.push(finding('short-column', last.fragment, { page, column: column + 1 }, textOf(last), `${detail.join(', ')}; the article goes on overleaf`));
    }
  }
  return findings;
}
