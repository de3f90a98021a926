/**
 * The paragraph styles of styles.xml with their inheritance (`w:basedOn`) resolved, for what mammoth does not
 * read from them: numbering by style (headings linked to a list), alignment, bold and size (title recognition).
 */
import { child, childValue, children, descendants } from './wordXml.js';

export interface ParagraphStyle {
  name: string;
  numId?: string;
  ilvl?: number;
  centred?: boolean;
  bold?: boolean;
  /** Font size in half-points (w:sz). */
  size?: number;
}

export interface WordStyles {
  paragraph(styleId: string | undefined): ParagraphStyle;
  /** The default paragraph style's size, or the document default, in half-points. */
  bodySize?: number;
}

export function readStyles(styles: Document | undefined): WordStyles {
  const elements = new Map<string, Element>();
  let defaultId: string | undefined;
  for (const style of styles ? descendants(styles, 'w:style') : []) {
    if (style.getAttribute('w:type') !== 'paragraph') continue;
    const id = style.getAttribute('w:styleId') ?? '';
    elements.set(id, style);
    if (style.getAttribute('w:default') === '1' || style.getAttribute('w:default') === 'true') defaultId = id;
  }
  const resolved = new Map<string, ParagraphStyle>();
  const resolve = (id: string | undefined, depth = 0): ParagraphStyle => {
    const element = id === undefined ? undefined : elements.get(id);
    if (!element || depth > 20) return { name: '' };
    const cached = resolved.get(id!);
    if (cached) return cached;
    const parent = resolve(childValue(element, 'w:basedOn'), depth + 1);
    const pPr = child(element, 'w:pPr');
    const numPr = child(pPr, 'w:numPr');
    const own: ParagraphStyle = {
      name: childValue(element, 'w:name') ?? id!,
      numId: childValue(numPr, 'w:numId') ?? parent.numId,
      ilvl: numPr && childValue(numPr, 'w:ilvl') !== undefined ? Number(childValue(numPr, 'w:ilvl')) : parent.ilvl,
      centred: childValue(pPr, 'w:jc') !== undefined ? childValue(pPr, 'w:jc') === 'center' : parent.centred,
      ...readRunFormatting(child(element, 'w:rPr'), parent),
    };
    resolved.set(id!, own);
    return own;
  };
  const documentDefault = styles && descendants(styles, 'w:rPrDefault')[0];
  const defaultSize = documentDefault ? Number(childValue(child(documentDefault, 'w:rPr'), 'w:sz')) || undefined : undefined;
  return { paragraph: (id) => resolve(id ?? defaultId), bodySize: resolve(defaultId).size ?? defaultSize };
}

/** Bold and size of a run properties element, falling back to what it inherits. */
export function readRunFormatting(rPr: Element | undefined, inherited: { bold?: boolean; size?: number }): { bold?: boolean; size?: number } {
  const bold = child(rPr, 'w:b');
  const size = childValue(rPr, 'w:sz');
  return {
    bold: bold ? !['off', 'false', '0'].includes(bold.getAttribute('w:val') ?? '') : inherited.bold,
    size: size !== undefined ? Number(size) : inherited.size,
  };
}

/** Every run (w:r) directly or through hyperlinks and fields in a paragraph that shows text. */
export function textRuns(paragraph: Element): Element[] {
  return descendants(paragraph, 'w:r').filter((run) => children(run).some((item) => item.tagName === 'w:t' && (item.textContent ?? '').trim() !== ''));
}
