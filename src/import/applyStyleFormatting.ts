/**
 * Bold and italic that come from a style: mammoth reads only a run's own w:b and w:i and maps styles by name, so
 * text bold through a character style (LibreOffice writes every bold span so, as style "Bold") or a bold paragraph
 * style would lose its emphasis — a run-in head would no longer stand out. The style's formatting is written onto
 * each run that does not set it itself. Runs that switch it off explicitly keep that (fixOffToggles runs after).
 */
import type { WordStyles } from './readStyles.js';
import { ancestor, child, childValue, descendants } from './wordXml.js';

const toggles = [
  ['w:b', 'bold'],
  ['w:i', 'italic'],
] as const;

export function applyStyleFormatting(document: Document | undefined, styles: WordStyles): void {
  if (!document) return;
  for (const run of descendants(document, 'w:r')) {
    const paragraph = ancestor(run, 'w:p');
    const paragraphStyle = styles.paragraph(childValue(child(paragraph, 'w:pPr'), 'w:pStyle'));
    const rPr = child(run, 'w:rPr');
    const characterStyle = styles.character(childValue(rPr, 'w:rStyle'));
    for (const [name, property] of toggles) {
      if (child(rPr, name) || !(characterStyle[property] ?? paragraphStyle[property])) continue;
      const properties = rPr ?? run.insertBefore(run.ownerDocument.createElement('w:rPr'), run.firstChild);
      properties.appendChild(run.ownerDocument.createElement(name));
    }
  }
}
