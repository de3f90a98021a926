/** Content outside its page area or column, or clipped. */
import type { PageFinding as Finding } from '../../api.js';
import { slack } from '../../core/tolerances.js';
import { finding, textOf, type Fragment } from '../blocks.js';
import { columnAt, columnEdges, type createContext } from '../context.js';

/**
 * Content outside its page's content area or its column, and content clipped by an overflow: hidden box
 * (Paged.js moves what does not fit to the next page, except what cannot be broken). Only the outermost
 * offending element is reported; a line of text is reported when it runs out of its block's column.
 * @param fragments the page's
 */
export function checkOverflow(page: Element, number: number, fragments: Fragment[], context: ReturnType<typeof createContext>): Finding[] {
  const content = page.querySelector('.pagedjs_page_content');
  if (!content) return [];
  const area = content.getBoundingClientRect();
  const findings: Finding[] = [];
  const reported: Set<Element> = new Set();
  for (const element of Array.from(content.querySelectorAll('*'))) {
    if (element.parentElement && reported.has(element.parentElement)) {
      reported.add(element);
      continue;
    }
    const problem = overflowOf(element, area, context);
    if (!problem) continue;
    reported.add(element);
    const at = { page: number, column: columnAt(element, element.getBoundingClientRect().left, context) };
    findings.push(finding('overflow', element, at, element.textContent || `<${element.localName}>`, problem));
  }
  for (const fragment of fragments.filter((candidate) => !reported.has(candidate.element))) {
    const em = parseFloat(context.style(fragment.element).fontSize);
    for (const line of fragment.lines) {
      const edges = columnEdges(fragment.element, line.column, area, context);
      const outside = Math.max(line.right - edges.right, edges.left - line.left);
      if (outside > slack) findings.push(finding('overflow', fragment, line, textOf(line), `line runs ${(outside / em).toFixed(1)} em out of its column`));
    }
  }
  return findings;
}

/**
 * What is wrong with an element's box, or undefined.
 */
function overflowOf(element: Element, area: DOMRect, context: ReturnType<typeof createContext>) {
  const style = context.style(element);
  if (style.overflowX !== 'visible' && element.scrollWidth > element.clientWidth + slack) return 'content clipped horizontally';
  if (style.overflowY !== 'visible' && element.scrollHeight > element.clientHeight + slack) return 'content clipped vertically';
  for (const rect of context.boxesOf(element)) {
    if (rect.width === 0 && rect.height === 0) continue;
    if (rect.left < area.left - slack || rect.right > area.right + slack || rect.top < area.top - slack || rect.bottom > area.bottom + slack) {
      return 'outside the page area';
    }
    const edges = columnEdges(element, columnAt(element, rect.left, context), area, context);
    if (rect.right > edges.right + slack) return `wider than its column by ${(rect.right - edges.right).toFixed(0)} px`;
  }
  return undefined;
}
