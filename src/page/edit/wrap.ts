/** Every change of the line adjustment is an element marked `data-adjust`, made and taken out again here. */
import type { AdjustKind } from '../api.js';

/**
 * Wraps characters start…end of a text node in a span marked with the kind of adjustment. The node is split by
 * splitText, which moves the live ranges of targets after it along.
 */
export function wrap(node: Text, start: number, end: number, kind: AdjustKind) {
  if (end < node.data.length) node.splitText(end);
  const middle = start > 0 ? node.splitText(start) : node;
  const span = document.createElement('span');
  span.dataset.adjust = kind;
  middle.before(span);
  span.append(middle);
  return span;
}

/**
 * Takes an adjustment out again, its text back in one node with its neighbours (and the spans it holds, marked
 * `data-adjust-part`).
 */
export function unwrap(element: Element) {
  const parent = element.parentNode;
  if (!parent) return;
  for (const part of Array.from(element.querySelectorAll('[data-adjust-part]'))) part.replaceWith(...Array.from(part.childNodes));
  if (element instanceof HTMLElement && element.dataset.adjust === 'hyphenate') element.textContent = (element.textContent ?? '').replace(/\u00ad/g, '');
  element.replaceWith(...Array.from(element.childNodes));
  parent.normalize();
}
