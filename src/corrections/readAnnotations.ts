/**
 * The annotations of a marked proof as readers write them, read with pdf.js (pdfjs-dist): text markups with their
 * quads, carets, notes, replies and groups, whatever reader and however many incremental saves wrote them.
 */
import { PDFDateString, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** [left, bottom, right, top] in PDF points. */
export type Box = [number, number, number, number];

export interface PdfAnnotation {
  page: number;
  /** The object ("12R"); pdf.js makes one up for annotations written inline. */
  id: string;
  subtype: string;
  /** /IT: Acrobat's Replace and StrikeOutTextEdit, pdf.js' FreeTextTypeWriter, … */
  intent?: string;
  inReplyTo?: string;
  /** /RT: Group (one mark made of several annotations) or R (a reply). */
  replyType?: string;
  /** One box per quad. pdf.js reduces each quad to its bounding box, so the corner order readers use (Acrobat: upper
   * left, upper right, lower left, lower right; the spec: counter-clockwise) does not matter. */
  quads: Box[];
  rect: Box;
  contents: string;
  author: string;
  date: string | null;
}

/** Annotations that are not marks: pop-up windows (their parent holds the text), links, form fields. */
const notMarks = new Set(['Popup', 'Link', 'Widget']);

export async function readAnnotations(document: PDFDocumentProxy): Promise<PdfAnnotation[]> {
  const pages = await Promise.all(
    Array.from({ length: document.numPages }, async (_, index) => {
      const page = await document.getPage(index + 1);
      // The 'print' intent: for 'display' pdf.js also extracts the page's text under every link and text markup (its
      // overlaidText), ten times the work on a marked proof. Readers set /F 4 (Print) on the marks they write
      // (Acrobat, Foxit; pdf.js: setIfNotExists("F", 4)); a mark flagged hidden or not for print is not read.
      const annotations = (await page.getAnnotations({ intent: 'print' })) as PdfJsAnnotation[];
      return annotations.filter((annotation) => !notMarks.has(annotation.subtype)).map((annotation) => toAnnotation(annotation, index + 1));
    }),
  );
  return pages.flat();
}

/** The fields of pdf.js' annotation data read here (pdfjs-dist types them as any). */
interface PdfJsAnnotation {
  id: string;
  subtype: string;
  it?: string;
  inReplyTo?: string | null;
  replyType?: string;
  quadPoints?: Float32Array | number[] | null;
  rect: number[];
  contentsObj?: { str?: string };
  richText?: RichTextNode | null;
  titleObj?: { str?: string };
  modificationDate?: string | null;
  creationDate?: string | null;
}

interface RichTextNode {
  value?: string;
  children?: RichTextNode[];
}

function toAnnotation(annotation: PdfJsAnnotation, page: number): PdfAnnotation {
  const quads: Box[] = [];
  const points = annotation.quadPoints ?? [];
  for (let index = 0; index + 8 <= points.length; index += 8) {
    const xs = [points[index], points[index + 2], points[index + 4], points[index + 6]];
    const ys = [points[index + 1], points[index + 3], points[index + 5], points[index + 7]];
    quads.push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  }
  const [x1, y1, x2, y2] = annotation.rect;
  return {
    page,
    id: annotation.id,
    subtype: annotation.subtype,
    intent: annotation.it,
    inReplyTo: annotation.inReplyTo ?? undefined,
    replyType: annotation.inReplyTo ? annotation.replyType : undefined,
    quads,
    rect: [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)],
    // /Contents is the plain text every reader writes beside /RC; rich text only when a reader wrote no /Contents.
    contents: (annotation.contentsObj?.str || flattenRichText(annotation.richText)).trim(),
    author: annotation.titleObj?.str ?? '',
    date: toIsoDate(annotation.modificationDate ?? annotation.creationDate),
  };
}

function flattenRichText(node: RichTextNode | null | undefined): string {
  if (!node) return '';
  return (node.value ?? '') + (node.children ?? []).map(flattenRichText).join('');
}

function toIsoDate(value: string | null | undefined): string | null {
  const date = value ? PDFDateString.toDateObject(value) : null;
  return date ? date.toISOString() : null;
}
