/** Walking a page's objects and reading content streams with pdf-lib, for the press conversion and the preflight. */
import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject, type PDFPage } from 'pdf-lib';
import { UserError } from '../UserError.js';

/** Loads a PDF as it is (no Producer or ModDate added); a missing or unreadable file is a UserError. */
export async function loadPdf(file: string): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(await readFile(file), { updateMetadata: false });
  } catch (error) {
    throw new UserError('check', `cannot read ${file} as a PDF: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

/** Form XObjects and tiling patterns hold content streams of their own, with colour operators like a page's. */
export function isContentStream(dict: PDFDict): boolean {
  return dict.get(PDFName.of('Subtype')) === PDFName.of('Form') || dict.get(PDFName.of('PatternType'))?.toString() === '1';
}

/** A stream's decoded bytes as latin1 text, so that string offsets are byte offsets. */
export function decodeStreamText(stream: PDFStream): string {
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** A Flate stream with `dict`'s other entries and `text` (latin1) as its contents. */
export function encodeStreamText(dict: PDFDict, text: string): PDFRawStream {
  const encoded = dict.clone();
  encoded.delete(PDFName.of('DecodeParms'));
  encoded.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  return PDFRawStream.of(encoded, deflateSync(Buffer.from(text, 'latin1')));
}

/** The page's content streams as one text (a page may split its contents over several streams, even mid-operation). */
export function readPageContent(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  return streams
    .filter((stream): stream is PDFStream => stream instanceof PDFStream)
    .map(decodeStreamText)
    .join('\n');
}

/**
 * Every dictionary and stream the page draws with: its resources (fonts, images, forms, graphics states, patterns,
 * shadings, nested to any depth) and its transparency group. /Parent is not followed, so other pages are not reached.
 */
export function collectPageObjects(page: PDFPage): (PDFDict | PDFStream)[] {
  const seen = new Set<PDFDict | PDFStream>();
  const visit = (value: PDFObject | undefined): void => {
    const object = value instanceof PDFRef ? page.doc.context.lookup(value) : value;
    if (object instanceof PDFArray) object.asArray().forEach(visit);
    if (!(object instanceof PDFDict || object instanceof PDFStream) || seen.has(object)) return;
    seen.add(object);
    const dict = object instanceof PDFStream ? object.dict : object;
    for (const [key, child] of dict.entries()) if (key !== PDFName.of('Parent')) visit(child);
  };
  visit(page.node.Resources());
  visit(page.node.get(PDFName.of('Group')));
  return [...seen];
}

export function dictOf(object: PDFDict | PDFStream): PDFDict {
  return object instanceof PDFStream ? object.dict : object;
}
