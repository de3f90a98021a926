/**
 * The typography check in the page (src/page/entries/check.ts), on the paginated pages: `typographyProbe()` reads the
 * line boxes Chromium laid out (lines from a few measured characters, src/page/core/) and returns the findings of
 * every layout rule, in the order they run (check/rules/). Nothing here changes the document: the pages are printed
 * after the check.
 */
import type { Stretch, TypographyProbe as Probe } from '../api.js';
import { collectBlocks } from './blocks.js';
import { createContext } from './context.js';
import { checkHeadings } from './rules/headings.js';
import { checkHiddenText } from './rules/hiddenText.js';
import { checkLastLine } from './rules/lastLine.js';
import { checkLineBreaks } from './rules/lineBreaks.js';
import { checkMeasure } from './rules/measure.js';
import { checkOffGrid } from './rules/offGrid.js';
import { checkOverflow } from './rules/overflow.js';
import { checkShortColumns } from './rules/shortColumns.js';
import { checkWidowsAndOrphans } from './rules/widowsAndOrphans.js';

export function typographyProbe(): Probe {
  const pages = Array.from(document.querySelectorAll('.pagedjs_page'));
  const context = createContext();
  const blocks = collectBlocks(pages, context);
  const fragments = blocks.flatMap((block) => block.fragments);
  const stretch: Stretch = { worst: 0, overOneEm: 0 };
  const findings = [
    ...blocks.flatMap(checkLineBreaks),
    ...blocks.flatMap(checkLastLine),
    ...blocks.flatMap(checkWidowsAndOrphans),
    ...blocks.flatMap((block) => checkMeasure(block, context, stretch)),
    ...checkHeadings(blocks),
    ...checkShortColumns(pages, blocks),
    ...checkOffGrid(pages, blocks, context),
    ...pages.flatMap((page, index) =>
      checkOverflow(
        page,
        index + 1,
        fragments.filter((fragment) => fragment.page === index + 1),
        context,
      ),
    ),
    ...pages.flatMap((page, index) => checkHiddenText(page, index + 1, context)),
  ];
  return { findings, stretch, adjustments: countAdjustments(pages) };
}

/**
 * The line adjustments on the pages (adjust/ and columns/ mark each with data-adjust, a paragraph set without
 * `text-wrap: pretty` with data-adjust-wrap), by kind. An
 * element Paged.js split over two pages is there twice, with the same data-ref: it counts once.
 */
function countAdjustments(pages: Element[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const seen = new Set();
  for (const page of pages) {
    for (const element of Array.from(page.querySelectorAll('[data-adjust], [data-adjust-wrap]'))) {
      const ref = element.getAttribute('data-ref') ?? element;
      if (seen.has(ref)) continue;
      seen.add(ref);
      const kind = element.getAttribute('data-adjust') ?? element.getAttribute('data-adjust-wrap') ?? '';
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
  }
  return counts;
}
