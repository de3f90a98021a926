/**
 * The printed text under a mark that is on no line of the proof's map (a running head, a page number, a line
 * number, the slug): pdf.js' text runs whose middles are inside the boxes. Runs, not glyphs: enough to say what
 * was marked in a report entry that is never applied.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Box } from './readAnnotations.js';

export async function readTextUnder(document: PDFDocumentProxy, pageNumber: number, boxes: Box[]): Promise<string> {
  const page = await document.getPage(pageNumber);
  const content = await page.getTextContent();
  const texts: string[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    const [, , , , x, y] = item.transform as number[];
    const middle = { x: x + item.width / 2, y: y + item.height / 2 };
    if (boxes.some(([left, bottom, right, top]) => left < middle.x && middle.x < right && bottom < middle.y && middle.y < top)) texts.push(item.str);
  }
  return texts.join('').replace(/\s+/g, '');
}
