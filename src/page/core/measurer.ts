/** A Range to measure with, and computed styles and boxes, each read once. */

export interface Measurer {
  range: Range;
  style: (element: Element) => CSSStyleDeclaration;
  boxesOf: (node: Text | Element) => DOMRect[];
}

/**
 * A Range to measure with, and caches of computed styles and of boxes: a user of the lines reads them again (the
 * typography check's overflow and hidden-text rules).
 */
export function createMeasurer(): Measurer {
  const range = document.createRange();
  const styles: Map<Element, CSSStyleDeclaration> = new Map();
  const nodeBoxes: Map<Text | Element, DOMRect[]> = new Map();
  const style = (element: Element) => {
    let computed = styles.get(element);
    if (!computed) styles.set(element, (computed = getComputedStyle(element)));
    return computed;
  };
  /**
   * The boxes of an element, or of a whole text node: one per line box it is set on.
   */
  const boxesOf = (node: Text | Element) => {
    let boxes = nodeBoxes.get(node);
    if (!boxes) {
      if (node instanceof Element) {
        boxes = Array.from(node.getClientRects());
      } else {
        range.selectNodeContents(node);
        boxes = Array.from(range.getClientRects());
      }
      nodeBoxes.set(node, boxes);
    }
    return boxes;
  };
  return { range, style, boxesOf };
}
