/**
 * Where each picture is drawn on a PDF page, as a printer's tool would find it: the content stream is followed with
 * its graphics state (q/Q/cm), into Form XObjects (with their /Matrix), and every Image XObject drawn with Do is
 * the unit square under the current matrix. Boxes in PDF points, origin at the MediaBox's lower left.
 */
import { readFileSync } from 'node:fs';
import { PDFArray, type PDFDict, PDFDocument, PDFName, type PDFNumber, PDFStream, type PDFObject } from 'pdf-lib';
import { decodeStreamText, readPageContent } from '../../src/press/pdfObjects.js';
import { parseOperations } from '../../src/press/parseOperations.js';

export interface ImageBox {
  page: number;
  left: number;
  bottom: number;
  right: number;
  top: number;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

export async function pdfImageBoxes(pdf: string): Promise<ImageBox[]> {
  const document = await PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
  const boxes: ImageBox[] = [];
  const lookup = (value: PDFObject | undefined) => (value ? document.context.lookup(value) : undefined);
  const walk = (content: string, resources: PDFDict | undefined, start: Matrix, page: number): void => {
    const stack: Matrix[] = [];
    let ctm = start;
    for (const { operator, operands } of parseOperations(content)) {
      if (operator === 'q') stack.push(ctm);
      else if (operator === 'Q') ctm = stack.pop() ?? start;
      else if (operator === 'cm') ctm = multiply(operands.map(Number) as Matrix, ctm);
      else if (operator === 'Do') {
        const xObjects = lookup(resources?.get(PDFName.of('XObject'))) as PDFDict | undefined;
        const object = lookup(xObjects?.get(PDFName.of(operands[0].slice(1))));
        if (!(object instanceof PDFStream)) continue;
        const subtype = object.dict.get(PDFName.of('Subtype'));
        if (subtype === PDFName.of('Image')) {
          const corners = [
            [0, 0],
            [1, 0],
            [0, 1],
            [1, 1],
          ].map(([x, y]) => [x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]]);
          const xs = corners.map(([x]) => x);
          const ys = corners.map(([, y]) => y);
          boxes.push({ page, left: Math.min(...xs), right: Math.max(...xs), bottom: Math.min(...ys), top: Math.max(...ys) });
        } else if (subtype === PDFName.of('Form')) {
          const matrix = lookup(object.dict.get(PDFName.of('Matrix')));
          const identity: Matrix = [1, 0, 0, 1, 0, 0];
          const form = matrix instanceof PDFArray ? (matrix.asArray().map((value) => (value as PDFNumber).asNumber()) as Matrix) : identity;
          const formResources = lookup(object.dict.get(PDFName.of('Resources'))) as PDFDict | undefined;
          walk(decodeStreamText(object), formResources ?? resources, multiply(form, ctm), page);
        }
      }
    }
  };
  document.getPages().forEach((page, index) => walk(readPageContent(page), page.node.Resources(), [1, 0, 0, 1, 0, 0], index + 1));
  return boxes;
}
