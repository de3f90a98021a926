/** Text on the page that is not seen. */
import type { PageFinding as Finding } from '../../api.js';
import { finding } from '../blocks.js';
import type { createContext } from '../context.js';

/** Text of invisible characters only. */
const invisibleText = /^[\s\u2060\u200b\u00ad]*$/u;

/**
 * Text that is on the page but not seen: no box (display: none), an empty box (font-size: 0, height: 0),
 * or hidden (visibility, opacity). Text lost outright is caught earlier, by the build's text comparison.
 */
export function checkHiddenText(page: Element, number: number, context: ReturnType<typeof createContext>): Finding[] {
  const content = page.querySelector('.pagedjs_page_content');
  if (!content) return [];
  const findings: Finding[] = [];
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node as Text).data;
    const parent = node.parentElement;
    if (!parent || invisibleText.test(text)) continue;
    const visible = context.boxesOf(node as Text).some((rect) => rect.width > 0 && rect.height > 0);
    const shown = parent.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    if (!visible || !shown)
      findings.push(finding('missing-text', parent, { page: number, column: null }, text, visible ? 'hidden by visibility or opacity' : 'no visible box'));
  }
  return findings;
}
