import { PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument } from 'pdf-lib';
import { decodeStringToken, parseOperations } from './parseOperations.js';
import { decodeStreamText, encodeStreamText, isContentStream, readPageContent } from './pdfObjects.js';
import { decodeTextString, parseToUnicode, writeToUnicode } from './toUnicodeCMap.js';

/** Per font and character code, what the text said each time the code was shown: its ActualText, or null. */
type Readings = Map<PDFDict, Map<string, Set<string | null>>>;

/** A marked-content span: its ActualText, if any, and the character codes shown inside it. */
interface Span {
  text?: string;
  shown: { font: PDFDict | undefined; code: string }[];
}

/** Private-use code points stand in for texts of several characters while Ghostscript runs. */
const firstPlaceholder = 0xe000;
const lastPlaceholder = 0xf8ff;

/**
 * Makes each font's ToUnicode CMap say what the text is, in a form Ghostscript 10.00 copies faithfully. Without
 * this, pdftotext of the converted PDF reads 第⼆⻚ 版⼼1字距P⾏距 for 第二页 版心、字距与行距 (measured), because:
 * - Chromium maps a glyph shared by an ideograph and a radical (页 and ⻚ U+2EDA) to the lower code point, the
 *   radical, and says the truth in ActualText marked content around each such glyph (the shared-glyph problem of
 *   wkhtmltopdf/wkhtmltopdf#4414); Ghostscript drops marked content, so the radical is all that is left. A code that
 *   is always shown with the same ActualText gets that text in the CMap.
 * - Ghostscript 10.00 garbles ranges and multi-character destinations: bfrange <0470> <0471> <3001> (、。) came out
 *   as "12", and the "——" of one ligature glyph as "—ᐔ". So every entry is written as a bfchar, and a text of more
 *   than one UTF-16 unit is replaced by a private-use placeholder, which restoreToUnicode puts back afterwards.
 * Returns placeholder → text.
 */
export function repairToUnicode(document: PDFDocument): Map<string, string> {
  const readings = collectReadings(document);
  const cmaps = [...document.context.enumerateIndirectObjects()].flatMap(([, font]) => {
    const ref = font instanceof PDFDict && font.get(PDFName.of('Type')) === PDFName.of('Font') ? font.get(PDFName.of('ToUnicode')) : undefined;
    const stream = ref instanceof PDFRef ? document.context.lookup(ref) : undefined;
    return stream instanceof PDFRawStream ? [{ font: font as PDFDict, ref: ref as PDFRef, stream, text: decodeStreamText(stream) }] : [];
  });
  const used = new Set(cmaps.flatMap(({ text }) => [...[...parseToUnicode(text).values()].join('')]));
  const placeholders = new Map<string, string>();
  let next = firstPlaceholder;
  const placeholderFor = (text: string): string => {
    const known = placeholders.get(text);
    if (known) return known;
    while (used.has(String.fromCharCode(next))) next++;
    if (next > lastPlaceholder) return text; // more distinct texts than placeholders: left to Ghostscript
    placeholders.set(text, String.fromCharCode(next++));
    return placeholders.get(text) as string;
  };
  for (const { font, ref, stream, text } of cmaps) {
    const entries = parseToUnicode(text);
    for (const [code, seen] of readings.get(font) ?? []) {
      const [reading] = seen;
      if (seen.size === 1 && reading) entries.set(code, reading);
    }
    for (const [code, unicode] of entries) if (unicode.length > 1) entries.set(code, placeholderFor(unicode));
    document.context.assign(ref, encodeStreamText(stream.dict, writeToUnicode(text, entries)));
  }
  return new Map([...placeholders].map(([text, placeholder]) => [placeholder, text]));
}

/** How each code of each font is read in the page and form content streams. */
function collectReadings(document: PDFDocument): Readings {
  const readings: Readings = new Map();
  for (const page of document.getPages()) readContent(document, readPageContent(page), page.node.Resources(), readings);
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream && isContentStream(object.dict)) {
      readContent(document, decodeStreamText(object), document.context.lookupMaybe(object.dict.get(PDFName.of('Resources')), PDFDict), readings);
    }
  }
  return readings;
}

function readContent(document: PDFDocument, content: string, resources: PDFDict | undefined, readings: Readings): void {
  const fonts = document.context.lookupMaybe(resources?.get(PDFName.of('Font')), PDFDict);
  const fontStack: (PDFDict | undefined)[] = [];
  let font: PDFDict | undefined;
  const spans: Span[] = [];
  for (const { operator, operands } of parseOperations(content)) {
    if (operator === 'q') fontStack.push(font);
    else if (operator === 'Q') font = fontStack.pop();
    else if (operator === 'Tf') font = document.context.lookupMaybe(fonts?.get(PDFName.of(operands[0]?.slice(1) ?? '')), PDFDict);
    else if (operator === 'BDC' || operator === 'BMC') spans.push({ text: readActualText(operands), shown: [] });
    else if (operator === 'EMC') recordSpan(spans.pop(), readings);
    else if (['Tj', 'TJ', "'", '"'].includes(operator)) {
      const strings = operands.filter((token) => token.startsWith('(') || token.startsWith('<'));
      const shown = strings.flatMap((token) => splitCodes(decodeStringToken(token), font).map((code) => ({ font, code })));
      if (spans.length > 0) spans.at(-1)?.shown.push(...shown);
      else recordSpan({ shown }, readings);
    }
  }
}

/** A span's one code reads as its ActualText; codes in a span without one, or sharing one, read as themselves (null). */
function recordSpan(span: Span | undefined, readings: Readings): void {
  const single = span?.text !== undefined && span.shown.length === 1;
  for (const { font, code } of span?.shown ?? []) {
    if (!font) continue;
    const codes = readings.get(font) ?? new Map<string, Set<string | null>>();
    codes.set(code, (codes.get(code) ?? new Set()).add(single ? (span?.text ?? null) : null));
    readings.set(font, codes);
  }
}

/** The /ActualText of a BDC property list written inline, e.g. `/Span <</ActualText <feff9875>>> BDC`. */
function readActualText(operands: string[]): string | undefined {
  const index = operands.indexOf('/ActualText');
  const token = index >= 0 ? operands[index + 1] : undefined;
  return token && (token.startsWith('(') || token.startsWith('<')) ? decodeTextString(decodeStringToken(token)) : undefined;
}

/** Composite (Type0) fonts as Chromium writes them use two-byte codes (Identity-H); simple fonts one byte. */
function splitCodes(bytes: string, font: PDFDict | undefined): string[] {
  const width = font?.get(PDFName.of('Subtype')) === PDFName.of('Type0') ? 2 : 1;
  const codes: string[] = [];
  for (let index = 0; index + width <= bytes.length; index += width) codes.push(bytes.slice(index, index + width));
  return codes;
}
