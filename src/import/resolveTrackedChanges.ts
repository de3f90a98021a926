/**
 * Tracked changes: mammoth keeps insertions and silently drops deletions, so a manuscript with changes nobody
 * accepted would print a text nobody approved. They are listed; unless the editor accepts them all
 * (--accept-changes), the import refuses the file. Accepting removes deleted and moved-away text and keeps the
 * inserted text as ordinary text.
 */
import { UserError } from '../UserError.js';
import type { DocxPackage } from './readDocx.js';
import { deletedTextOf, descendants, describeParagraph, remove, textOf, unwrap } from './wordXml.js';

export interface TrackedChange {
  kind: 'insertion' | 'deletion';
  text: string;
  author: string;
  date?: string;
  /** Where: `paragraph N (“…”)`, or a footnote or endnote. */
  place: string;
}

const changeKinds: Record<string, TrackedChange['kind']> = { 'w:ins': 'insertion', 'w:moveTo': 'insertion', 'w:del': 'deletion', 'w:moveFrom': 'deletion' };

export function resolveTrackedChanges(docx: DocxPackage, accept: boolean): TrackedChange[] {
  const parts = [
    { document: docx.parts.document, label: '' },
    { document: docx.parts.footnotes, label: 'footnote ' },
    { document: docx.parts.endnotes, label: 'endnote ' },
  ];
  const changes: TrackedChange[] = [];
  const resolutions: (() => void)[] = [];
  for (const { document, label } of parts) {
    if (!document) continue;
    const paragraphs = descendants(document, 'w:p');
    for (const element of descendants(document, '*')) {
      const kind = changeKinds[element.tagName];
      if (!kind) continue;
      // A change recorded on a paragraph mark (inside w:rPr) carries no text: accepting it keeps the paragraphs as they are.
      if (element.parentNode && (element.parentNode as Element).tagName === 'w:rPr') {
        resolutions.push(() => remove(element));
        continue;
      }
      const text = kind === 'insertion' ? textOf(element) : deletedTextOf(element);
      changes.push({
        kind,
        text,
        author: element.getAttribute('w:author') || 'unknown',
        date: element.getAttribute('w:date') || undefined,
        place: label + describeParagraph(paragraphs, element),
      });
      resolutions.push(() => (kind === 'insertion' ? unwrap(element) : remove(element)));
    }
    // Formatting changes carry no text; accepting them keeps the current formatting, which is what mammoth reads.
    for (const tag of ['w:rPrChange', 'w:pPrChange', 'w:tblPrChange', 'w:trPrChange', 'w:tcPrChange', 'w:sectPrChange']) {
      for (const element of descendants(document, tag)) resolutions.push(() => remove(element));
    }
  }
  const merged = mergeAdjacentChanges(changes);
  if (merged.length > 0 && !accept) {
    const list = merged.map(
      (change) => `${change.kind === 'insertion' ? 'inserted' : 'deleted'} ${quoteChange(change.text)} by ${change.author} in ${change.place}`,
    );
    throw new UserError(
      'input',
      `${docx.file}: ${merged.length} tracked change${merged.length === 1 ? '' : 's'} not accepted: ${list.join('; ')}; ` +
        'accept or reject them in Word or WPS (审阅 → 接受/拒绝), or import with --accept-changes to accept them all',
    );
  }
  for (const resolve of resolutions) resolve();
  return merged;
}

/** Word records one change per run; consecutive ones of the same kind and author in one place read as one change. */
function mergeAdjacentChanges(changes: TrackedChange[]): TrackedChange[] {
  const merged: TrackedChange[] = [];
  for (const change of changes) {
    const last = merged.at(-1);
    if (last && last.kind === change.kind && last.author === change.author && last.place === change.place) last.text += change.text;
    else merged.push({ ...change });
  }
  return merged;
}

function quoteChange(text: string): string {
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
}
