/**
 * The annotations of a marked proof as readers write them, read with pdf.js (pdfjs-dist): text markups with their
 * quads, carets, notes, replies and groups, whatever reader and however many incremental saves wrote them, and
 * whatever flags they carry (poppler, so Evince, Papers and Okular, writes none); hidden ones are set aside and
 * counted, never dropped without a word.
 */
import { PDFDateString, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { type RawAnnotationEntries, readRawAnnotations } from './readRawAnnotations.js';

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
  /** /F; 0 when the writer set none (poppler). Undefined only for annotations made up in tests. */
  flags?: number;
  /** /NM, null when there is none; undefined when it could not be read (an annotation written inline). */
  uniqueName?: string | null;
  /** A note's icon (/Name): Insert, Comment, Note, … */
  icon?: string | null;
}

export interface ReadAnnotations {
  annotations: PdfAnnotation[];
  /** Annotations that are not read as marks, with why: "2 hidden (/F 2)". Empty when every one was read. */
  skipped: string[];
}

/** Annotations that are not marks: pop-up windows (their parent holds the text), links, form fields. */
const notMarks = new Set(['Popup', 'Link', 'Widget']);
const hiddenFlag = 2;

export async function readAnnotations(document: PDFDocumentProxy, bytes: Uint8Array): Promise<ReadAnnotations> {
  const raw = await readRawAnnotations(bytes);
  const pages = await Promise.all(
    Array.from({ length: document.numPages }, async (_, index) => {
      const page = await document.getPage(index + 1);
      // 'print' leaves out every annotation without the Print flag, and poppler writes no flags, so every mark made in
      // Evince or Papers was lost; 'any' reads them, but has pdf.js extract the page's text under its text markups
      // too (2024-4's marked proof: 0.8 → 2.5 s). So 'any' only where an annotation is not for print.
      const whole = raw.unprinted === 'every page' || raw.unprinted.has(index + 1);
      const annotations = (await page.getAnnotations({ intent: whole ? 'any' : 'print' })) as PdfJsAnnotation[];
      return annotations
        .filter((annotation) => !notMarks.has(annotation.subtype))
        .map((annotation) => toAnnotation(annotation, index + 1, raw.entries.get(annotation.id)));
    }),
  );
  const all = pages.flat();
  // A hidden annotation is not on the page the proofreader saw; a reply is never on the page (it lives in the
  // comment list), so a hidden reply is read.
  const hidden = all.filter((annotation) => (annotation.flags ?? 0) & hiddenFlag && !annotation.inReplyTo);
  return {
    annotations: all.filter((annotation) => !hidden.includes(annotation)),
    skipped: hidden.length > 0 ? [`${hidden.length} hidden (/F 2: the reader does not show ${hidden.length > 1 ? 'them' : 'it'})`] : [],
  };
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
  annotationFlags?: number;
  /** A note's icon, when it has no appearance stream ("NoIcon" otherwise). */
  name?: string;
}

interface RichTextNode {
  value?: string;
  children?: RichTextNode[];
}

function toAnnotation(annotation: PdfJsAnnotation, page: number, raw: RawAnnotationEntries | undefined): PdfAnnotation {
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
    flags: annotation.annotationFlags ?? 0,
    uniqueName: raw ? raw.uniqueName : undefined,
    icon: raw?.icon ?? (annotation.name && annotation.name !== 'NoIcon' ? annotation.name : null),
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
