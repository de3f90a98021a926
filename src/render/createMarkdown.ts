/**
 * The Markdown dialect of articles: CommonMark (with CJK-aware emphasis) + GFM tables + footnotes, with
 * - soft line breaks between CJK characters removed (Chromium would draw them as spaces),
 * - `Table: caption` before a table (Pandoc's syntax) becoming its <caption>,
 * - an image alone in its paragraph becoming a <figure> with its alt text as <figcaption>,
 * - raw HTML escaped unless the periodical allows it (scripts never run either way: the page's CSP forbids them).
 */
import markdownIt, { type MarkdownIt, type StateCore, type Token } from 'markdown-it';
import cjkBreaks from 'markdown-it-cjk-breaks';
import cjkFriendly from 'markdown-it-cjk-friendly';
import footnote from 'markdown-it-footnote';
import { adjustLineBreaks } from './adjustLineBreaks.js';
import { collectImages, type ImageReference } from './resolveImages.js';

export interface MarkdownOptions {
  allowRawHtml: boolean;
}

export function createMarkdown(options: MarkdownOptions): MarkdownIt {
  const markdown = markdownIt({ html: options.allowRawHtml, linkify: false, typographer: false });
  // CommonMark does not close `**…。**` before a hanzi (the flanking rules assume spaces between words), which
  // leaves every run-in heading `**（一）…。**后文` unbolded; markdown-it-cjk-friendly fixes the rule for CJK.
  markdown.use(cjkFriendly).use(cjkBreaks).use(footnote);
  // The footnote's link back to its reference (↩︎) means nothing on paper, and no declared face has U+FE0E.
  markdown.renderer.rules.footnote_anchor = () => '';
  markdown.core.ruler.push('table_caption', attachTableCaptions);
  markdown.core.ruler.push('figure', wrapLoneImagesInFigures);
  markdown.core.ruler.push('source_lines', markSourceLines);
  markdown.core.ruler.push('line_breaks', adjustTextLineBreaks);
  markdown.core.ruler.push('images', collectImages);
  markdown.core.ruler.push('mark_pairs', setMarkPairsInOneEm);
  return markdown;
}

const captionPrefix = /^Table:\s*/;

/** A paragraph `Table: …` directly before a table becomes that table's caption. */
function attachTableCaptions(state: StateCore): void {
  const tokens = state.tokens;
  for (let index = 0; index + 3 < tokens.length; index++) {
    const [open, inline, , table] = tokens.slice(index, index + 4);
    if (open.type !== 'paragraph_open' || table.type !== 'table_open' || !captionPrefix.test(inline.content)) continue;
    const caption = new state.Token('html_block', '', 0);
    caption.content = `<caption>${state.md.renderInline(inline.content.replace(captionPrefix, ''))}</caption>`;
    tokens.splice(index, 4, table, caption);
  }
}

/** `![caption](file)` alone in a paragraph is a figure; inline images stay inline. */
function wrapLoneImagesInFigures(state: StateCore): void {
  const tokens = state.tokens;
  for (let index = 0; index + 2 < tokens.length; index++) {
    const [open, inline, close] = tokens.slice(index, index + 3);
    const children = inline.children ?? [];
    if (open.type !== 'paragraph_open' || close.type !== 'paragraph_close' || children.length !== 1 || children[0].type !== 'image') continue;
    open.tag = close.tag = 'figure';
    const caption = children[0].children?.map((child: Token) => child.content).join('') ?? '';
    if (caption) {
      const figcaption = new state.Token('html_inline', '', 0);
      figcaption.content = `<figcaption>${state.md.utils.escapeHtml(caption)}</figcaption>`;
      children.push(figcaption);
    }
  }
}

/**
 * Rendering environment: `firstLine` is the file line of the body's first line; `articleId` names the article's
 * image assets; the rules fill in `images`.
 */
export type MarkdownEnv = { firstLine: number; articleId?: string; images?: ImageReference[] } & Record<PropertyKey, unknown>;

/**
 * Top-level blocks carry their source line in the file (`data-line`) so a finding on the page can be traced
 * back to file:line.
 */
function markSourceLines(state: StateCore): void {
  const firstLine = typeof state.env.firstLine === 'number' ? state.env.firstLine : 1;
  for (const token of state.tokens) {
    if (token.map && token.nesting === 1 && token.level === 0) token.attrSet('data-line', String(firstLine + token.map[0]));
  }
}

function adjustTextLineBreaks(state: StateCore): void {
  for (const token of state.tokens) {
    for (const child of token.children ?? []) {
      if (child.type === 'text') child.content = adjustLineBreaks(child.content);
    }
  }
}

/**
 * Two of ？！ together take one em, not two (GB/T 15834 5.1.2): each is set at half width with the fonts' `halt`
 * feature, in a span of their own (never `halt` on a paragraph: every mark would shrink).
 */
function setMarkPairsInOneEm(state: StateCore): void {
  for (const token of state.tokens) {
    if (!token.children?.some((child) => child.type === 'text' && /[？！]{2}/u.test(child.content))) continue;
    token.children = token.children.flatMap((child) => {
      if (child.type !== 'text') return [child];
      return child.content.split(/([？！]{2})/u).filter(Boolean).map((part) => {
        const piece = new state.Token(/^[？！]{2}$/u.test(part) ? 'html_inline' : 'text', '', 0);
        piece.content = /^[？！]{2}$/u.test(part) ? `<span class="mark-pair">${part}</span>` : part;
        return piece;
      });
    });
  }
}
