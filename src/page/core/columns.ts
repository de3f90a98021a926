/** Columns: the geometry of a multicol container (CSS Multi-column Layout §3.4), one convention for any column count. */

export function isMulticol(style: CSSStyleDeclaration) {
  return style.columnCount !== 'auto' || style.columnWidth !== 'auto';
}

/**
 * Column geometry of a multicol container, as CSS Multi-column Layout §3.4 computes it.
 */
export function columnsOf(container: Element, style: CSSStyleDeclaration): Columns {
  const box = container.getBoundingClientRect();
  const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
  const available =
    box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
  const gap = style.columnGap === 'normal' ? parseFloat(style.fontSize) : parseFloat(style.columnGap);
  const byWidth = style.columnWidth === 'auto' ? Infinity : Math.max(1, Math.floor((available + gap) / (parseFloat(style.columnWidth) + gap)));
  const count = Math.max(1, Math.min(style.columnCount === 'auto' ? Infinity : Number(style.columnCount), byWidth));
  return { left, count, gap, width: (available - (count - 1) * gap) / count };
}

export type Columns = { left: number; count: number; width: number; gap: number };
