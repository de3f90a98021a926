/**
 * What the converter cannot carry over into an article, each a warning naming the paragraph and quoting the text
 * around it: text boxes (mammoth keeps their text, but out of place), shapes and drawings without a picture,
 * equations (dropped), SmartArt and charts (dropped), embedded objects (dropped), and fields other than hyperlinks
 * and caption numbers (their last shown result is kept as plain text; a PAGE or DATE field will not update).
 */
import { ancestor, descendants, describeParagraph, textOf, unwrap } from './wordXml.js';

/** Fields whose shown result is the text the manuscript means. */
const quietFields = /^\s*(HYPERLINK|SEQ|REF|NOTEREF|PAGEREF)\b/i;

export function findUnsupportedContent(document: Document): string[] {
  const paragraphs = descendants(document, 'w:p');
  const warnings: string[] = [];
  const warn = (node: Node, what: string) => warnings.push(`${describeParagraph(paragraphs, outermostParagraph(node) ?? node)}: ${what}`);
  for (const box of descendants(document, 'w:txbxContent')) {
    if (ancestor(box, 'mc:Fallback')) continue;
    warn(box, `a text box; its text ${JSON.stringify(textOf(box).trim().slice(0, 40))} was kept as paragraphs where the box is anchored: check its place`);
  }
  for (const equation of descendants(document, 'm:oMath')) {
    if (!ancestor(equation, 'm:oMath')) warn(equation, 'an equation, which is left out: set it as text or an image');
  }
  for (const graphic of descendants(document, 'a:graphicData')) {
    if (ancestor(graphic, 'mc:Fallback')) continue;
    const uri = graphic.getAttribute('uri') ?? '';
    if (uri.endsWith('/diagram')) warn(graphic, 'a SmartArt diagram, which is left out: send it as a picture');
    else if (uri.endsWith('/chart')) warn(graphic, 'a chart, which is left out: send it as a picture');
    else if (uri.includes('wordprocessingShape') && descendants(graphic, 'w:txbxContent').length === 0) warn(graphic, 'a drawn shape, which is left out');
  }
  for (const shape of [...descendants(document, 'v:shape'), ...descendants(document, 'v:rect'), ...descendants(document, 'v:line')]) {
    if (ancestor(shape, 'mc:Fallback') || descendants(shape, 'v:imagedata').length > 0 || descendants(shape, 'w:txbxContent').length > 0) continue;
    if (!ancestor(shape, 'w:object')) warn(shape, 'a drawn shape, which is left out');
  }
  for (const object of descendants(document, 'w:object')) warn(object, 'an embedded object (OLE), which is left out: send it as a picture or as text');
  for (const instruction of [...descendants(document, 'w:instrText'), ...descendants(document, 'w:fldSimple')]) {
    const code = instruction.tagName === 'w:fldSimple' ? (instruction.getAttribute('w:instr') ?? '') : (instruction.textContent ?? '');
    if (code.trim() === '' || quietFields.test(code)) continue;
    warn(instruction, `a field {${code.trim()}}; its last shown result is kept as plain text`);
  }
  return warnings;
}

/** mammoth drops a simple field (w:fldSimple) with its shown result; the result runs are kept as ordinary runs. */
export function unwrapSimpleFields(document: Document): void {
  for (const field of descendants(document, 'w:fldSimple')) unwrap(field);
}

/** A text box's own paragraphs are inside the paragraph that anchors it; messages name the anchoring one. */
function outermostParagraph(node: Node): Element | undefined {
  let outer: Element | undefined;
  for (let paragraph = ancestor(node, 'w:p'); paragraph; paragraph = ancestor(paragraph, 'w:p')) outer = paragraph;
  return outer;
}
