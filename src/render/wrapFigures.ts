/**
 * `![alt](file "title")` alone in a paragraph is a figure: the image with its caption (the title, else the alt
 * text) in a <figcaption>, numbered 图1, 图2 … per article when the periodical numbers figures. `{.wide}` right
 * after the image sets it across all columns. Inline images stay inline.
 */
import type { StateCore, Token } from 'markdown-it';

/** The only attribute syntax read after an image: a class from this list (any other text stays text). */
const attributes = /^\s*\{\s*\.(wide)\s*\}\s*$/;

export interface FigureEnv {
  /** Number the figures of the article: 图1, 图2 … */
  numberFigures?: boolean;
}

export function wrapFigures(state: StateCore): void {
  const env = state.env as FigureEnv;
  let count = 0;
  const tokens = state.tokens;
  for (let index = 0; index + 2 < tokens.length; index++) {
    const [open, inline, close] = tokens.slice(index, index + 3);
    if (open.type !== 'paragraph_open' || close.type !== 'paragraph_close' || inline.type !== 'inline') continue;
    const children = inline.children ?? [];
    const [image, after] = children;
    if (image?.type !== 'image' || children.length > 2 || (after && !(after.type === 'text' && attributes.test(after.content)))) continue;
    open.tag = close.tag = 'figure';
    if (after) {
      open.attrJoin('class', attributes.exec(after.content)![1]);
      children.pop();
    }
    const caption = captionOf(image, env.numberFigures ? ++count : undefined);
    if (caption) {
      const figcaption = new state.Token('html_inline', '', 0);
      figcaption.content = `<figcaption>${state.md.utils.escapeHtml(caption)}</figcaption>`;
      children.push(figcaption);
    }
  }
}

function captionOf(image: Token, number: number | undefined): string {
  const text = String(image.attrGet('title') ?? '') || image.children?.map((child) => child.content).join('') || '';
  if (number === undefined) return text;
  return text ? `图${number}　${text}` : `图${number}`;
}
