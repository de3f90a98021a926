/**
 * The Markdown dialect of articles: CommonMark (with CJK-aware emphasis) + GFM tables + footnotes, with
 * - soft line breaks between CJK characters removed (Chromium would draw them as spaces),
 * - `Table: caption` before a table (Pandoc's syntax) becoming its <caption>,
 * - an image alone in its paragraph becoming a <figure> with its caption (wrapFigures),
 * - raw HTML escaped unless the periodical allows it, except a short allow-list of inline tags, and comments
 *   dropped (sortInlineHtml.ts; scripts never run either way: the page's CSP forbids them),
 * - with `links: footnote`, each link's URL as a footnote (footnoteLinks),
 * - a note's reference glued to the character before it (glueNoteReferences).
 */
import markdownIt, { type MarkdownIt, type StateCore } from 'markdown-it';
import cjkBreaks from 'markdown-it-cjk-breaks';
import cjkFriendly from 'markdown-it-cjk-friendly';
import footnote from 'markdown-it-footnote';
import { adjustLineBreaks } from './adjustLineBreaks.js';
import { balanceInlineHtml, parseInlineHtml, sortInlineHtml, type InlineHtmlEnv } from './sortInlineHtml.js';
import { collectImages, type ImageReference } from './collectImages.js';
import { footnoteLinks } from './footnoteLinks.js';
import { glueNoteReferences } from './glueNoteReferences.js';
import { wrapFigures, type FigureEnv } from './wrapFigures.js';

export interface MarkdownOptions {
  allowRawHtml: boolean;
  /** Print each link's URL as a footnote. */
  linkFootnotes?: boolean;
}

export function createMarkdown(options: MarkdownOptions): MarkdownIt {
  const markdown = markdownIt({ html: options.allowRawHtml, linkify: false, typographer: false });
  // CommonMark does not close `**…。**` before a hanzi (the flanking rules assume spaces between words), which
  // leaves every run-in heading `**（一）…。**后文` unbolded; markdown-it-cjk-friendly fixes the rule for CJK.
  markdown.use(cjkFriendly).use(cjkBreaks).use(footnote);
  // The footnote's link back to its reference (↩︎) means nothing on paper, and no declared face has U+FE0E.
  markdown.renderer.rules.footnote_anchor = () => '';
  if (options.linkFootnotes) markdown.core.ruler.before('footnote_tail', 'link_footnotes', footnoteLinks);
  if (!options.allowRawHtml) {
    parseInlineHtml(markdown);
    markdown.core.ruler.push('inline_html', sortInlineHtml);
  }
  markdown.core.ruler.push('table_caption', attachTableCaptions);
  // Remote images are taken out before figures are made: a figure of a left-out image would leave a gap.
  markdown.core.ruler.push('images', collectImages);
  markdown.core.ruler.push('figure', wrapFigures);
  markdown.core.ruler.push('source_lines', markSourceLines);
  markdown.core.ruler.push('line_breaks', adjustTextLineBreaks);
  markdown.core.ruler.push('note_references', glueNoteReferences);
  markdown.core.ruler.push('mark_pairs', setMarkPairsInOneEm);
  if (!options.allowRawHtml) markdown.core.ruler.push('inline_html_balance', balanceInlineHtml);
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

/**
 * Rendering environment: `firstLine` is the file line of the body's first line; `articleId` names the article's
 * image assets; the rules fill in `images` and `escapedHtml`.
 */
export type MarkdownEnv = { firstLine: number; articleId?: string; images?: ImageReference[] } & FigureEnv & InlineHtmlEnv & Record<PropertyKey, unknown>;

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
      return child.content
        .split(/([？！]{2})/u)
        .filter(Boolean)
        .map((part) => {
          const piece = new state.Token(/^[？！]{2}$/u.test(part) ? 'html_inline' : 'text', '', 0);
          piece.content = /^[？！]{2}$/u.test(part) ? `<span class="mark-pair">${part}</span>` : part;
          return piece;
        });
    });
  }
}
