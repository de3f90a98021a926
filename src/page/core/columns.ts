/**
 * Columns, one convention for any column count: the geometry of a multicol container as CSS Multi-column Layout §3.4
 * computes it, columns counted from 0 (the typography check's findings and the proof number them from 1), and a
 * position in a gap belonging to the nearer column.
 */

export interface Columns {
  /** The left edge of the first column. */
  left: number;
  count: number;
  /** The width of each column. */
  width: number;
  gap: number;
}

/** Whether an element's style makes it a multicol container. */
export function isMulticol(style: CSSStyleDeclaration): boolean {
  return style.columnCount !== 'auto' || style.columnWidth !== 'auto';
}

/** The columns of a multicol container (one column for any other element). */
export function columnsOf(container: Element, style: CSSStyleDeclaration = getComputedStyle(container)): Columns {
  const box = container.getBoundingClientRect();
  const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
  const available =
    box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
  return columnsIn(style, left, available);
}

/** The columns a container's style makes of `available` width starting at `left`. */
export function columnsIn(style: CSSStyleDeclaration, left: number, available: number): Columns {
  const gap = style.columnGap === 'normal' ? parseFloat(style.fontSize) : parseFloat(style.columnGap);
  const byWidth = style.columnWidth === 'auto' ? Infinity : Math.max(1, Math.floor((available + gap) / (parseFloat(style.columnWidth) + gap)));
  const count = Math.max(1, Math.min(style.columnCount === 'auto' ? Infinity : Number(style.columnCount), byWidth));
  return { left, count, gap, width: (available - (count - 1) * gap) / count };
}

/** The column (from 0) a horizontal position is in; a position in a gap belongs to the nearer column. */
export function columnIndexAt(columns: Columns, x: number): number {
  const { left, count, width, gap } = columns;
  return Math.min(count - 1, Math.max(0, Math.floor((x - left + gap / 2) / (width + gap))));
}

/** The left and right edges of column `index` (from 0). */
export function columnEdges(columns: Columns, index: number): { left: number; right: number } {
  const start = columns.left + index * (columns.width + columns.gap);
  return { left: start, right: start + columns.width };
}
