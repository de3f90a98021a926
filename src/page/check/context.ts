/** What the rules of one check share: computed styles, multicol geometry and boxes, each read once. */
import { columnEdges as edgesOf, columnIndexAt, columnsOf, isMulticol, type Columns } from '../core/columns.js';
import { createMeasurer } from '../core/measurer.js';

/** Per-run caches: computed styles, multicol geometry and boxes are read once per element or text. */
export function createContext() {
  const { range, style, boxesOf } = createMeasurer();
  const multicols: Map<Element, Columns | null> = new Map();
  const containers: Map<Element, Columns> = new Map();
  /** The columns of a multicol container. */
  const columnsIn = (container: Element) => {
    let columns = containers.get(container);
    if (!columns) containers.set(container, (columns = columnsOf(container, style(container))));
    return columns;
  };
  /**
   * The columns of an element's nearest multicol container, or null for content outside one and for
   * column-span: all elements (tables), which sit across the columns.
   */
  const multicolOf = (element: Element): Columns | null => {
    const cached = multicols.get(element);
    if (cached !== undefined) return cached;
    const parent = element.parentElement;
    let found: Columns | null = null;
    if (parent && !parent.classList.contains('pagedjs_page_content') && style(element).columnSpan !== 'all') {
      found = isMulticol(style(parent)) ? columnsIn(parent) : multicolOf(parent);
    }
    multicols.set(element, found);
    return found;
  };
  return { style, multicolOf, boxesOf, range };
}

/**
 * 1-based column of a horizontal position, or null outside any multicol container.
 */
export function columnAt(element: Element, x: number, context: ReturnType<typeof createContext>) {
  const columns = context.multicolOf(element);
  return columns ? columnIndexAt(columns, x) + 1 : null;
}

/**
 * Left and right edges of a column, or of the page area for content outside columns.
 */
export function columnEdges(element: Element, column: number | null, area: DOMRect, context: ReturnType<typeof createContext>) {
  const columns = context.multicolOf(element);
  if (!columns || column === null) return { left: area.left, right: area.right };
  return edgesOf(columns, column - 1);
}
