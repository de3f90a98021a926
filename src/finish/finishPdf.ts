/**
 * Stage 4: Chromium's PDF → the issue's PDF: checked (page count, fonts), with document metadata from the manifest
 * and an outline of sections and articles. Data in, data out: nothing is written here.
 */
import { PDFDocument } from 'pdf-lib';
import type { Issue } from '../manifest/loadIssue.js';
import type { PaginatedIssue } from '../paginate/paginate.js';
import { UserError } from '../UserError.js';
import { addOutline, type OutlineEntry } from './addOutline.js';
import { checkPdfFonts } from './checkPdfFonts.js';
import { dropInvisibleText } from './dropInvisibleText.js';
import { setDocumentInfo } from './setDocumentInfo.js';
import { setPrintGeometry } from './setPrintGeometry.js';

export interface FinishedPdf {
  bytes: Uint8Array;
  pageCount: number;
  /** Blank pages added at the end for the binding. */
  blankPages: number;
  /** Font names found in the PDF, for the summary. */
  fonts: string[];
}

export async function finishPdf(issue: Issue, paginated: PaginatedIssue<unknown, unknown>, declaredFonts: string[]): Promise<FinishedPdf> {
  const document = await PDFDocument.load(paginated.pdf, { updateMetadata: false });
  const pageCount = document.getPageCount();
  if (pageCount !== paginated.pageCount) {
    throw new UserError(
      'check',
      `Chromium printed ${pageCount} pages but Paged.js laid out ${paginated.pageCount}; no PDF was written (a page-size mismatch in the CSS?)`,
    );
  }
  const fonts = checkPdfFonts(document, declaredFonts);
  dropInvisibleText(document);
  const blankPages = padForBinding(document, issue.periodical.binding.style);
  setPrintGeometry(document, issue.periodical.page);
  setDocumentInfo(document, issue);
  addOutline(document, outlineOf(issue, paginated.articleStartPages));
  return { bytes: await document.save(), pageCount: document.getPageCount(), blankPages, fonts };
}

/** A saddle-stitched issue is folded sheets of 4 pages: pad with blank pages at the end. */
function padForBinding(document: PDFDocument, binding: 'saddle-stitch' | 'perfect'): number {
  const count = document.getPageCount();
  const blanks = binding === 'saddle-stitch' ? (4 - (count % 4)) % 4 : 0;
  const size = document.getPage(0).getSize();
  for (let index = 0; index < blanks; index++) document.addPage([size.width, size.height]);
  return blanks;
}

function outlineOf(issue: Issue, startPages: Record<string, number>): OutlineEntry[] {
  return issue.sections.map((section) => {
    const children = section.articles.map((article) => ({ title: article.frontMatter.title, page: startPages[article.id] ?? 1 }));
    return { title: section.title, page: children[0].page, children };
  });
}

/**
 * Another PDF of the issue (the cover: its own trim, a spread with the spine for perfect binding; the proof: the
 * interior's trim): the same font policy, print geometry and document information naming the part.
 */
export async function finishPartPdf(
  issue: Issue,
  pdf: Uint8Array,
  declaredFonts: string[],
  part: string,
  trim: { width: number; height: number } = issue.periodical.page,
  /** What the part adds to its PDF before it is saved (the proof: its line map). */
  amend?: (document: PDFDocument) => Promise<void>,
): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  checkPdfFonts(document, declaredFonts);
  dropInvisibleText(document);
  setPrintGeometry(document, { width: trim.width, height: trim.height, bleed: issue.periodical.page.bleed, cropMarks: issue.periodical.page.cropMarks });
  setDocumentInfo(document, issue, part);
  await amend?.(document);
  return document.save();
}
