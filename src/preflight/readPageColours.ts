import { PDFStream, type PDFPage } from 'pdf-lib';
import { parseOperations, type Operation } from '../press/parseOperations.js';
import { collectPageObjects, decodeStreamText, isContentStream, readPageContent } from '../press/pdfObjects.js';

/** A process colour as ink fractions 0–1: cyan, magenta, yellow, black. */
export type Cmyk = [number, number, number, number];

export interface PageColours {
  /** Distinct CMYK colours set by the page's operators (greys as K only). */
  cmyk: Cmyk[];
  /** Operators that paint in RGB: rg/RG, an RGB colour space selected by cs/CS, RGB inline images. */
  rgbOperators: string[];
}

const rgbSpaceNames = new Set(['/DeviceRGB', '/CalRGB', '/RGB']);
const setColourOperators = new Set(['sc', 'scn', 'SC', 'SCN']);
const deviceColourComponents = new Map([
  ['k', 4],
  ['K', 4],
  ['g', 1],
  ['G', 1],
  ['rg', 3],
  ['RG', 3],
]);

/**
 * The colours the page's content streams (its own and its forms') set. sc/scn operands are read by their count
 * (1 grey, 3 RGB, 4 CMYK): enough for what Chromium and Ghostscript write, which is rg, g and k.
 */
export function readPageColours(page: PDFPage): PageColours {
  const forms = collectPageObjects(page).filter((object): object is PDFStream => object instanceof PDFStream && isContentStream(object.dict));
  const colours = new Map<string, Cmyk>();
  const rgbOperators: string[] = [];
  for (const operation of [readPageContent(page), ...forms.map(decodeStreamText)].flatMap(parseOperations)) {
    const colour = classifyColour(operation);
    if (colour === 'rgb') rgbOperators.push(operation.operator);
    else if (colour) colours.set(colour.join(' '), colour);
  }
  return { cmyk: [...colours.values()], rgbOperators };
}

function classifyColour({ operator, operands }: Operation): Cmyk | 'rgb' | undefined {
  const values = operands.map(Number);
  const numeric = values.length > 0 && !values.some(Number.isNaN);
  const components = deviceColourComponents.get(operator) ?? (setColourOperators.has(operator) && numeric ? values.length : 0);
  if (components === 4) return values as Cmyk;
  if (components === 1) return [0, 0, 0, 1 - values[0]];
  if (components === 3) return 'rgb';
  if (['cs', 'CS', 'ID'].includes(operator) && operands.some((operand) => rgbSpaceNames.has(operand))) return 'rgb';
  return undefined;
}
