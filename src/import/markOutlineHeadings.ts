/**
 * What Word shows as a heading: a paragraph with an outline level (w:outlineLvl, in its properties or its style,
 * as WPS's and Word's heading styles have it: 章标题, 一级条标题, heading 2 …), numbered or not. mammoth knows only
 * headings by their style names, so each such paragraph is given a style id the conversion maps to h1–h3: the
 * document's outline levels in use, from the highest, are h1, h2, and h3 for the rest (`##`, `###`, `####`). Runs
 * before mammoth, after the numbering labels are written in and the front matter taken out.
 */
import type { WordStyles } from './readStyles.js';
import { ancestor, child, childValue, descendants, textOf } from './wordXml.js';

/** mammoth's style map for the style ids given here. */
export const outlineHeadingStyles = [1, 2, 3].map((level) => `p.PaibanHeading${level} => h${level}:fresh`);

export function markOutlineHeadings(document: Document, styles: WordStyles): void {
  const headings: { paragraph: Element; level: number }[] = [];
  for (const paragraph of descendants(document, 'w:p')) {
    // Table cells and text boxes hold no headings of the article.
    if (ancestor(paragraph, 'w:tbl') || ancestor(paragraph, 'w:txbxContent')) continue;
    const pPr = child(paragraph, 'w:pPr');
    const own = childValue(pPr, 'w:outlineLvl');
    const level = own !== undefined ? Number(own) : styles.paragraph(childValue(pPr, 'w:pStyle')).outlineLevel;
    if (level === undefined || !(level >= 0 && level <= 8) || textOf(paragraph).trim() === '') continue;
    headings.push({ paragraph, level });
  }
  const ranks = [...new Set(headings.map((heading) => heading.level))].sort((a, b) => a - b);
  for (const { paragraph, level } of headings) {
    const pPr = child(paragraph, 'w:pPr') ?? paragraph.insertBefore(paragraph.ownerDocument.createElement('w:pPr'), paragraph.firstChild);
    let pStyle = child(pPr, 'w:pStyle');
    if (!pStyle) pStyle = pPr.insertBefore(paragraph.ownerDocument.createElement('w:pStyle'), pPr.firstChild);
    pStyle.setAttribute('w:val', `PaibanHeading${Math.min(ranks.indexOf(level) + 1, 3)}`);
  }
}
