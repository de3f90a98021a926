/**
 * The paragraph and character styles of styles.xml with their inheritance (`w:basedOn`) resolved, for what mammoth
 * does not read from them: numbering by style (headings linked to a list), alignment, size (title recognition), and
 * bold and italic (LibreOffice writes bold as a character style; mammoth only maps style names).
 */
import { child, childValue, children, descendants } from './wordXml.js';

export interface RunFormatting {
  bold?: boolean;
  italic?: boolean;
  /** Font size in half-points (w:sz). */
  size?: number;
}

export interface ParagraphStyle extends RunFormatting {
  name: string;
  numId?: string;
  ilvl?: number;
  centred?: boolean;
  /** Word's outline level (w:outlineLvl, 0 = level 1; 9 is body text): what makes a paragraph a heading in the navigation pane. */
  outlineLevel?: number;
}

export interface WordStyles {
  paragraph(styleId: string | undefined): ParagraphStyle;
  character(styleId: string | undefined): RunFormatting;
  /** The default paragraph style's size, or the document default, in half-points. */
  bodySize?: number;
}

export function readStyles(styles: Document | undefined): WordStyles {
  const elements = new Map<string, Element>();
  let defaultId: string | undefined;
  for (const style of styles ? descendants(styles, 'w:style') : []) {
    const type = style.getAttribute('w:type');
    if (type !== 'paragraph' && type !== 'character') continue;
    const id = `${type} ${style.getAttribute('w:styleId')}`;
    elements.set(id, style);
    if (type === 'paragraph' && (style.getAttribute('w:default') === '1' || style.getAttribute('w:default') === 'true')) defaultId = id;
  }
  const resolved = new Map<string, ParagraphStyle>();
  const resolve = (id: string | undefined, depth = 0): ParagraphStyle => {
    const element = id === undefined ? undefined : elements.get(id);
    if (!element || depth > 20) return { name: '' };
    const cached = resolved.get(id!);
    if (cached) return cached;
    const basedOn = childValue(element, 'w:basedOn');
    const parent = resolve(basedOn && `${id!.split(' ')[0]} ${basedOn}`, depth + 1);
    const pPr = child(element, 'w:pPr');
    const numPr = child(pPr, 'w:numPr');
    const own: ParagraphStyle = {
      name: childValue(element, 'w:name') ?? id!.split(' ')[1],
      numId: childValue(numPr, 'w:numId') ?? parent.numId,
      ilvl: numPr && childValue(numPr, 'w:ilvl') !== undefined ? Number(childValue(numPr, 'w:ilvl')) : parent.ilvl,
      centred: childValue(pPr, 'w:jc') !== undefined ? childValue(pPr, 'w:jc') === 'center' : parent.centred,
      outlineLevel: childValue(pPr, 'w:outlineLvl') !== undefined ? Number(childValue(pPr, 'w:outlineLvl')) : parent.outlineLevel,
      ...readRunFormatting(child(element, 'w:rPr'), parent),
    };
    resolved.set(id!, own);
    return own;
  };
  const documentDefault = styles && descendants(styles, 'w:rPrDefault')[0];
  const defaultSize = documentDefault ? Number(childValue(child(documentDefault, 'w:rPr'), 'w:sz')) || undefined : undefined;
  return {
    paragraph: (id) => resolve(id === undefined ? defaultId : `paragraph ${id}`),
    character: (id) => (id === undefined ? {} : resolve(`character ${id}`)),
    bodySize: resolve(defaultId).size ?? defaultSize,
  };
}

/** Bold, italic and size of a run properties element, falling back to what it inherits. */
export function readRunFormatting(rPr: Element | undefined, inherited: RunFormatting): RunFormatting {
  const toggle = (name: string, fallback: boolean | undefined) => {
    const element = child(rPr, name);
    return element ? !['off', 'false', '0'].includes(element.getAttribute('w:val') ?? '') : fallback;
  };
  const size = childValue(rPr, 'w:sz');
  return { bold: toggle('w:b', inherited.bold), italic: toggle('w:i', inherited.italic), size: size !== undefined ? Number(size) : inherited.size };
}

/** Every run (w:r) directly or through hyperlinks and fields in a paragraph that shows text. */
export function textRuns(paragraph: Element): Element[] {
  return descendants(paragraph, 'w:r').filter((run) => children(run).some((item) => item.tagName === 'w:t' && (item.textContent ?? '').trim() !== ''));
}
