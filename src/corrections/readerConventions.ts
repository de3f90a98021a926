/**
 * Where a caret inserts and which line a note is about, as the reader that wrote it means them. Readers place a
 * point-like mark differently (docs/proof-readers.md has the sources):
 *
 * - MuPDF (SumatraPDF, mutool, PyMuPDF) puts the icon's top-left corner at the click (SumatraPDF's
 *   EngineMupdfCreateAnnotation) and draws its caret as a 20 × 14 wedge whose apex is the top middle of /Rect
 *   (pdf_write_caret_appearance); the icon hangs below the line clicked.
 * - poppler (Evince, GNOME Papers, Okular) puts a note's top-left corner at the click too (ev_view_create_annotation:
 *   a 24-point square from the click; Okular's PickPointEngine without `center`), and writes no /F.
 * - Acrobat, Foxit, PDF-XChange, WPS PDF and the rest centre their icons on the place meant, as read-proof has read
 *   them from the start (the Acrobat-style tests), and all of them write /NM; so does PyMuPDF, with "fitz-".
 *
 * The writer is told by what it writes: no flags at all is poppler; a caret or note with flags and no /NM (or
 * PyMuPDF's) is MuPDF; anything else is read as Acrobat reads it.
 */
import type { PdfAnnotation } from './readAnnotations.js';

export type Writer = 'mupdf' | 'poppler' | 'acrobat';

/** A mark's point and how to find its line: 'apex' points up at the line it inserts into (the line above, when between
 * two); 'corner' and 'middle' are on the line nearest to them. */
export interface MarkPoint {
  x: number;
  y: number;
  rule: 'apex' | 'corner' | 'middle';
}

export function identifyWriter(annotation: PdfAnnotation): Writer {
  if (annotation.flags === 0) return 'poppler';
  const { uniqueName } = annotation;
  if (annotation.flags !== undefined && (uniqueName === null || uniqueName?.startsWith('fitz-'))) return 'mupdf';
  return 'acrobat';
}

export function pointOf(annotation: PdfAnnotation): MarkPoint {
  const [left, bottom, right, top] = annotation.rect;
  const middle: MarkPoint = { x: (left + right) / 2, y: (bottom + top) / 2, rule: 'middle' };
  const writer = identifyWriter(annotation);
  if (writer === 'acrobat') return middle;
  if (annotation.subtype === 'Caret') return { x: (left + right) / 2, y: top, rule: 'apex' };
  if (annotation.subtype === 'Text') return { x: left, y: top, rule: 'corner' };
  return middle;
}

/** A note whose icon is Insert (Evince's only way to insert; SumatraPDF's when its note icon is set so) inserts. */
export function isInsertNote(annotation: PdfAnnotation): boolean {
  return annotation.subtype === 'Text' && annotation.icon === 'Insert' && annotation.contents !== '' && !annotation.inReplyTo;
}
