/**
 * Everyday inline HTML with raw HTML off: Markdown from other systems carries `<u>`, `<sup>`, `<br>` and HTML
 * comments (`<!-- INFO END -->`), which every Markdown renderer hides. markdown-it parses inline tags (its
 * html_block rule stays off, so a `<div>` line is still a paragraph; a comment starting a block is dropped whole), and then
 * - the allow-list `u sup sub br mark small span` without attributes is kept,
 * - comments are dropped (a paragraph left empty goes too: no gap),
 * - every other tag is escaped as text, as before, and reported with its file line;
 * a paragraph holding kept tags is finally passed through sanitize-html, which balances them and lets nothing
 * else through (defence in depth: the markup it sees is Markdown's own plus the allow-list).
 */
import type { MarkdownIt, StateBlock, StateCore, Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

export const allowedInlineTags = ['u', 'sup', 'sub', 'br', 'mark', 'small', 'span'];
const allowedTag = new RegExp(`^<(/?)(${allowedInlineTags.join('|')})\\s*/?>$`, 'i');

export interface InlineHtmlEnv {
  firstLine?: number;
  /** Tags escaped as text, with their file line, for the build's warnings. */
  escapedHtml?: { line: number; tag: string }[];
}

/**
 * Parses inline HTML in a markdown-it that escapes all HTML. The caller pushes the two rules below: sortInlineHtml
 * first (after footnote_tail, so footnotes are sorted too), balanceInlineHtml last (its own rules need the
 * paragraphs' tokens).
 */
export function parseInlineHtml(markdown: MarkdownIt): void {
  markdown.set({ html: true });
  markdown.block.ruler.disable('html_block');
  markdown.block.ruler.before('html_block', 'html_comment', skipHtmlComment, { alt: ['paragraph', 'reference', 'blockquote'] });
}

/**
 * A comment starting a block is dropped up to its `-->`, blank lines included (CommonMark's HTML block of kind 2).
 * One never closed is not a comment: it stays text, printed and reported, rather than hiding the rest of the article.
 */
function skipHtmlComment(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine] + state.tShift[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4 || !state.src.startsWith('<!--', start)) return false;
  let line = startLine;
  while (line < endLine && !state.src.slice(line === startLine ? start + 4 : state.bMarks[line], state.eMarks[line]).includes('-->')) line++;
  if (line === endLine) return false;
  if (!silent) state.line = line + 1;
  return true;
}

/** Keeps allowed tags (marking their paragraph), drops comments, escapes and reports the rest. */
export function sortInlineHtml(state: StateCore): void {
  const env = state.env as InlineHtmlEnv;
  const emptied = new Set<Token>();
  for (const token of state.tokens) {
    if (!token.children?.some((child) => child.type === 'html_inline')) continue;
    const line = (env.firstLine ?? 1) + (token.map?.[0] ?? 0);
    token.children = token.children.flatMap((child) => {
      if (child.type !== 'html_inline') return [child];
      if (child.content.startsWith('<!--')) return [];
      const allowed = allowedTag.exec(child.content);
      if (allowed) {
        child.content = `<${allowed[1]}${allowed[2].toLowerCase()}>`;
        token.meta = { ...token.meta, authorHtml: true };
        return [child];
      }
      (env.escapedHtml ??= []).push({ line, tag: child.content });
      const text = new state.Token('text', '', 0);
      text.content = child.content;
      return [text];
    });
    if (token.children.every((child) => child.type === 'softbreak' || (child.type === 'text' && !child.content.trim()))) emptied.add(token);
  }
  state.tokens = state.tokens.filter((token, index, tokens) => {
    if (emptied.has(token)) return false;
    if (token.type === 'paragraph_open' && emptied.has(tokens[index + 1])) return false;
    return !(token.type === 'paragraph_close' && emptied.has(tokens[index - 1]));
  });
}

/** Tags and attributes the inline Markdown itself writes, besides the allow-list. */
const markdownTags = ['a', 'strong', 'em', 's', 'code', 'img', 'figcaption'];

/** The inline HTML of paragraphs with kept tags, rendered and balanced by sanitize-html. */
export function balanceInlineHtml(state: StateCore): void {
  for (const token of state.tokens) {
    if (!token.meta?.authorHtml || !token.children) continue;
    const html = state.md.renderer.renderInline(token.children, state.md.options, state.env);
    const balanced = new state.Token('html_inline', '', 0);
    balanced.content = sanitizeHtml(html, {
      allowedTags: [...allowedInlineTags, ...markdownTags],
      allowedAttributes: { a: ['href', 'id', 'class'], img: ['src', 'alt', 'title'], sup: ['class', 'id'], span: ['class'] },
      allowedSchemes: ['http', 'https', 'mailto'],
      allowProtocolRelative: false,
      // Markdown's output is already escaped: sanitize-html must not encode it a second time.
      parser: { decodeEntities: true },
    });
    token.children = [balanced];
  }
}
