/**
 * A proofreader's marks on a proof, placed where the text is printed (glyph boxes from poppler, not from paiban):
 * replace (Caret + StrikeOut group, as Acrobat writes it), delete (StrikeOut, with what was typed into it), insert (Caret)
 * and a highlight with a comment.
 */
import { PDFDocument } from 'pdf-lib';
import { appendAnnotations, type NewAnnotation } from './annotatePdf.js';
import type { PdfGlyph } from './pdfGlyphs.js';
import { pdfInfo } from './pdfTools.js';
import { columnGlyphs, quadsOf } from './proofPlaces.js';

export type ProofMark = (
  | { kind: 'replace'; before: string; target: string; text: string }
  | { kind: 'delete'; before: string; target: string; note?: string }
  | { kind: 'insert'; before: string; text: string }
  | { kind: 'comment'; before: string; target: string; text: string }
) & {
  /** The glyphs marked, when the text around them is not printed once (before and target are then not searched). */
  at?: { page: number; glyphs: PdfGlyph[] };
};

/** The glyphs printing `target` right after `before` in one column of the body text (10.5 pt), on whichever page. */
export function findPrinted(pdf: string, pageSize: { width: number; height: number }, before: string, target: string): { page: number; glyphs: PdfGlyph[] } {
  const pages = Number(pdfInfo(pdf).Pages);
  for (let page = 1; page <= pages; page++) {
    for (const column of [1, 2]) {
      const glyphs = columnGlyphs({ pdf, ...pageSize }, page, column);
      const index = glyphs
        .map((glyph) => glyph.character)
        .join('')
        .indexOf(before + target);
      if (index >= 0) return { page, glyphs: glyphs.slice(index + before.length, index + before.length + Math.max(target.length, 1)) };
    }
  }
  throw new Error(`“${before}${target}” is printed nowhere in ${pdf}`);
}

/** The proof with the marks appended as an incremental update (Acrobat's "Save"). */
export async function markProof(pdf: string, bytes: Uint8Array, author: string, marks: ProofMark[]): Promise<Uint8Array> {
  const pageSize = (await PDFDocument.load(bytes)).getPage(0).getSize();
  const annotations: NewAnnotation[] = [];
  marks.forEach((mark, index) => {
    const id = `mark-${index}`;
    const common = { T: author, NM: id, M: "D:20261130093000+08'00'", F: 4 };
    const { page, glyphs } = mark.at ?? findPrinted(pdf, pageSize, mark.before, mark.kind === 'insert' ? '' : mark.target);
    const quads = quadsOf(glyphs);
    if (mark.kind === 'replace') {
      const [x, y] = [quads.QuadPoints[2], quads.QuadPoints[7]];
      annotations.push(
        {
          page,
          key: id,
          entries: { Subtype: '/Caret', Rect: [x - 3, y - 3, x + 3, y + 5], Contents: mark.text, IT: '/Replace', P: `@page${page}`, ...common },
        },
        {
          page,
          entries: {
            Subtype: '/StrikeOut',
            ...quads,
            IRT: `@${id}`,
            RT: '/Group',
            IT: '/StrikeOutTextEdit',
            C: [1, 0, 0],
            P: `@page${page}`,
            ...common,
            NM: `${id}-strike`,
          },
        },
      );
    } else if (mark.kind === 'delete') {
      annotations.push({
        page,
        entries: { Subtype: '/StrikeOut', ...quads, C: [1, 0, 0], P: `@page${page}`, ...common, ...(mark.note ? { Contents: mark.note } : {}) },
      });
    } else if (mark.kind === 'insert') {
      const [next] = glyphs;
      annotations.push({
        page,
        entries: { Subtype: '/Caret', Rect: [next.left - 3, next.bottom, next.left + 3, next.bottom + 8], Contents: mark.text, P: `@page${page}`, ...common },
      });
    } else {
      annotations.push({ page, entries: { Subtype: '/Highlight', ...quads, Contents: mark.text, C: [1, 1, 0], P: `@page${page}`, ...common } });
    }
  });
  return appendAnnotations(bytes, annotations, 'table');
}
