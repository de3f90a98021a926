/**
 * Marks saved by pdf.js itself: its annotation editors' serialized highlights and free texts put in the document's
 * annotation storage and written by pdfDocument.saveDocument(), the code Firefox runs when a reader saves a marked
 * PDF (an incremental update with an xref stream; no /NM, /P, /M; CreationDate; /Contents only on FreeText).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AnnotationEditorType, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfjsMark =
  | { kind: 'highlight'; page: number; quads: [number, number, number, number][] }
  | { kind: 'freetext'; page: number; rect: [number, number, number, number]; text: string };

const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

export async function saveWithPdfjs(pdf: Uint8Array, marks: PdfjsMark[]): Promise<Uint8Array> {
  const document = await getDocument({ data: pdf.slice(), isEvalSupported: false, standardFontDataUrl, verbosity: 0 }).promise;
  marks.forEach((mark, index) => {
    const common = { pageIndex: mark.page - 1, rotation: 0, structTreeParentId: null };
    if (mark.kind === 'highlight') {
      // The editor's serialization: quads in the reader's order (upper left, upper right, lower left, lower right).
      const quadPoints = mark.quads.flatMap(([left, bottom, right, top]) => [left, top, right, top, left, bottom, right, bottom]);
      const outlines = mark.quads.map(([left, bottom, right, top]) => new Float32Array([left, bottom, left, top, right, top, right, bottom]));
      const rect = [
        Math.min(...mark.quads.map((quad) => quad[0])),
        Math.min(...mark.quads.map((quad) => quad[1])),
        Math.max(...mark.quads.map((quad) => quad[2])),
        Math.max(...mark.quads.map((quad) => quad[3])),
      ];
      document.annotationStorage.setValue(`pdfjs_internal_editor_${index}`, {
        ...common,
        annotationType: AnnotationEditorType.HIGHLIGHT,
        color: [255, 255, 0],
        opacity: 1,
        thickness: 12,
        quadPoints: new Float32Array(quadPoints),
        outlines,
        rect,
      });
    } else {
      document.annotationStorage.setValue(`pdfjs_internal_editor_${index}`, {
        ...common,
        annotationType: AnnotationEditorType.FREETEXT,
        color: [0, 0, 0],
        fontSize: 10,
        value: mark.text,
        rect: mark.rect,
      });
    }
  });
  try {
    return await document.saveDocument();
  } finally {
    await document.destroy();
  }
}
