/** The font role each text node's CSS asks for, for the font rule (which needs the DevTools protocol, so runs in Node). */
import type { TextRole } from '../api.js';
import { articleOf } from './blocks.js';

/**
 * The text nodes of the pages in document order with the role their CSS font-family names first
 * (paiban-song → song) and whether they are bold, for the font rule. Only ASCII-blank nodes are left out, as
 * the DevTools protocol's DOM tree leaves them out.
 */
export function textRoles(): TextRole[] {
  const pages = Array.from(document.querySelectorAll('.pagedjs_page'));
  const root = document.querySelector('.pagedjs_pages');
  if (!root) return [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (/[^\t\n\f\r ]/.test((node as Text).data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  const roles: TextRole[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement as Element;
    const style = getComputedStyle(parent);
    const source = parent.closest('[data-line]')?.getAttribute('data-line');
    roles.push({
      text: (node as Text).data,
      role: style.fontFamily
        .split(',')[0]
        .trim()
        .replace(/^["']|["']$/g, ''),
      bold: Number(style.fontWeight) > 500,
      page: pages.indexOf(parent.closest('.pagedjs_page') as Element) + 1,
      article: articleOf(parent),
      line: source ? Number(source) : null,
    });
  }
  return roles;
}
