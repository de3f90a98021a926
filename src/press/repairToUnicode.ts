import { PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument } from 'pdf-lib';
import { decodeStringToken, parseOperations } from './parseOperations.js';
import { decodeStreamText, encodeStreamText, isContentStream, readPageContent } from './pdfObjects.js';

/** Character code (as latin1 bytes) → Unicode text, for one font. */
type UnicodeMap = Map<string, string>;

/**
 * Makes each font's ToUnicode CMap say what the text is, in a form Ghostscript 10.00 copies faithfully. Without
 * this, pdftotext of the converted PDF reads 第⼆⻚ 版⼼1字距P⾏距 for 第二页 版心、字距与行距 (measured), because:
 * - Chromium maps a glyph shared by an ideograph and a radical (页 and ⻚ U+2EDA) to the lower code point, the
 *   radical, and says the truth in ActualText marked content around each such glyph (the shared-glyph problem of
 *   wkhtmltopdf/wkhtmltopdf#4414); Ghostscript drops marked content, so the radical is all that is left;
 * - Ghostscript 10.00 expands a bfrange with a two-byte destination wrongly: <0470> <0471> <3001> (、。) came out
 *   as U+0031 U+0032 ("12"). Single-code bfchar entries survive; and blocks are kept to the 100 entries the CMap
 *   specification allows, which Ghostscript 9.56–10.04 also needs (py-pdf/fpdf2#1952).
 * So: every CMap is rewritten as bfchar blocks, with the ActualText of each single-glyph span in place of the
 * ToUnicode entry of that glyph.
 */
export function repairToUnicode(document: PDFDocument): void {
  const actualTexts = new Map<PDFDict, UnicodeMap>();
  for (const page of document.getPages()) collectActualTexts(document, readPageContent(page), page.node.Resources(), actualTexts);
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream && isContentStream(object.dict)) {
      collectActualTexts(document, decodeStreamText(object), document.context.lookupMaybe(object.dict.get(PDFName.of('Resources')), PDFDict), actualTexts);
    }
  }
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const toUnicodeRef = object.get(PDFName.of('ToUnicode'));
    const toUnicode = document.context.lookup(toUnicodeRef);
    if (!(toUnicodeRef instanceof PDFRef) || !(toUnicode instanceof PDFRawStream)) continue;
    const cmap = decodeStreamText(toUnicode);
    const entries = parseToUnicode(cmap);
    for (const [code, text] of actualTexts.get(object) ?? []) entries.set(code, text);
    document.context.assign(toUnicodeRef, encodeStreamText(toUnicode.dict, writeToUnicode(cmap, entries)));
  }
}

/** Finds spans with ActualText that show exactly one character code, and records code → text per font. */
function collectActualTexts(document: PDFDocument, content: string, resources: PDFDict | undefined, found: Map<PDFDict, UnicodeMap>): void {
  const fonts = document.context.lookupMaybe(resources?.get(PDFName.of('Font')), PDFDict);
  const fontStack: (PDFDict | undefined)[] = [];
  let font: PDFDict | undefined;
  const spans: { text?: string; shown: string[] }[] = [];
  for (const { operator, operands } of parseOperations(content)) {
    if (operator === 'q') fontStack.push(font);
    else if (operator === 'Q') font = fontStack.pop();
    else if (operator === 'Tf') font = document.context.lookupMaybe(fonts?.get(PDFName.of(operands[0]?.slice(1) ?? '')), PDFDict);
    else if (operator === 'BDC' || operator === 'BMC') spans.push({ text: readActualText(operands), shown: [] });
    else if (operator === 'EMC') recordSpan(spans.pop(), font, found);
    else if (['Tj', 'TJ', "'", '"'].includes(operator) && spans.length > 0) {
      const codes = operands.filter((token) => token.startsWith('(') || token.startsWith('<')).flatMap((token) => splitCodes(decodeStringToken(token), font));
      spans.at(-1)?.shown.push(...codes);
    }
  }
}

function recordSpan(span: { text?: string; shown: string[] } | undefined, font: PDFDict | undefined, found: Map<PDFDict, UnicodeMap>): void {
  if (!span?.text || span.shown.length !== 1 || !font) return;
  const map = found.get(font) ?? new Map<string, string>();
  if (!map.has(span.shown[0])) map.set(span.shown[0], span.text);
  found.set(font, map);
}

/** The /ActualText of a BDC property list written inline, e.g. `/Span <</ActualText <feff9875>>> BDC`. */
function readActualText(operands: string[]): string | undefined {
  const index = operands.indexOf('/ActualText');
  const token = index >= 0 ? operands[index + 1] : undefined;
  return token && (token.startsWith('(') || token.startsWith('<')) ? decodeTextString(decodeStringToken(token)) : undefined;
}

/** A PDF text string: UTF-16BE after a byte order mark, else (near enough) latin1. */
function decodeTextString(bytes: string): string {
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  const swapped = Buffer.from(bytes.slice(2), 'latin1').swap16();
  return swapped.toString('utf16le');
}

/** Composite (Type0) fonts as Chromium writes them use two-byte codes (Identity-H); simple fonts one byte. */
function splitCodes(bytes: string, font: PDFDict | undefined): string[] {
  const width = font?.get(PDFName.of('Subtype')) === PDFName.of('Type0') ? 2 : 1;
  const codes: string[] = [];
  for (let index = 0; index + width <= bytes.length; index += width) codes.push(bytes.slice(index, index + width));
  return codes;
}

/** bfchar and bfrange entries as code → text (latin1 bytes → JS string). */
function parseToUnicode(cmap: string): UnicodeMap {
  const entries: UnicodeMap = new Map();
  const hexBytes = (hex: string) => Buffer.from(hex, 'hex').toString('latin1');
  const utf16 = (hex: string) => decodeTextString(`\xfe\xff${hexBytes(hex)}`);
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) entries.set(hexBytes(code), utf16(text));
  }
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, destination] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const first = parseInt(low, 16);
      const targets = destination.startsWith('[') ? [...destination.matchAll(/<([0-9a-fA-F]*)>/g)].map((match) => match[1]) : undefined;
      for (let code = first; code <= parseInt(high, 16); code++) {
        // A string destination counts up from its value, one code after another.
        const target = targets ? targets[code - first] : (BigInt(`0x${destination.slice(1, -1)}`) + BigInt(code - first)).toString(16).padStart(destination.length - 2, '0');
        if (target !== undefined) entries.set(hexBytes(code.toString(16).padStart(low.length, '0')), utf16(target));
      }
    }
  }
  return entries;
}

/** A ToUnicode CMap with the original's code space and every entry as bfchar, 100 to a block. */
function writeToUnicode(original: string, entries: UnicodeMap): string {
  const codeSpace = /\d+\s+begincodespacerange[\s\S]*?endcodespacerange/.exec(original)?.[0] ?? '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange';
  const hex = (text: string, encoding: 'latin1' | 'utf16') =>
    (encoding === 'latin1' ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf16le').swap16()).toString('hex').toUpperCase();
  const lines = [...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, text]) => `<${hex(code, 'latin1')}> <${hex(text, 'utf16')}>`);
  const blocks: string[] = [];
  for (let start = 0; start < lines.length; start += 100) {
    const block = lines.slice(start, start + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
${codeSpace}
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end
`;
}
