/**
 * Marking a PDF the way readers save their comments: as an incremental update appended to the file (the new
 * annotation objects, the pages whose /Annots changed, and a cross-reference section whose trailer points back with
 * /Prev), either a classic xref table (Acrobat's "Save") or an xref stream (PDF 1.5 writers), never rewriting what
 * was there. pdf-lib builds the objects; the update is written here byte by byte.
 */
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';

/** An annotation to add: its dictionary entries (values as pdf-lib objects or plain numbers, arrays, names "/Name"). */
export interface NewAnnotation {
  page: number;
  /** A key to refer to this annotation from another one's /IRT (the value is replaced by its reference). */
  key?: string;
  entries: Record<string, unknown>;
}

export async function appendAnnotations(pdf: Uint8Array, annotations: NewAnnotation[], xref: 'table' | 'stream'): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const { context } = document;
  const changed = new Map<number, { ref: PDFRef; object: PDFObject }>();
  const refs = new Map<string, PDFRef>();
  // References first, so /IRT can point at an annotation added in the same update. Numbers after every object the file
  // has: pdf-lib drops the object and xref streams it unpacks, so its own count would reuse their numbers.
  let free = firstFreeNumber(pdf);
  const planned = annotations.map((annotation) => ({ annotation, ref: PDFRef.of(free++) }));
  for (const { annotation, ref } of planned) if (annotation.key) refs.set(annotation.key, ref);
  document.getPages().forEach((page, index) => {
    refs.set(`page${index + 1}`, page.ref);
  });
  for (const { annotation, ref } of planned) {
    const page = document.getPage(annotation.page - 1);
    const dict = context.obj({}) as PDFDict;
    dict.set(PDFName.of('Type'), PDFName.of('Annot'));
    for (const [name, value] of Object.entries(annotation.entries)) dict.set(PDFName.of(name), toPdf(value, refs, context));
    context.assign(ref, dict);
    changed.set(ref.objectNumber, { ref, object: dict });
    const existing = page.node.get(PDFName.of('Annots'));
    if (existing instanceof PDFRef) {
      const array = context.lookup(existing, PDFArray);
      array.push(ref);
      changed.set(existing.objectNumber, { ref: existing, object: array });
    } else {
      const array = existing instanceof PDFArray ? existing : context.obj([]);
      array.push(ref);
      page.node.set(PDFName.of('Annots'), array);
      changed.set(page.ref.objectNumber, { ref: page.ref, object: page.node });
    }
  }
  return writeUpdate(pdf, document, [...changed.values()], free, xref);
}

function firstFreeNumber(pdf: Uint8Array): number {
  const text = new TextDecoder('latin1').decode(pdf);
  const numbers = [...text.matchAll(/[\r\n](\d+) \d+ obj\b/g)].map((match) => Number(match[1]) + 1);
  const sizes = [...text.matchAll(/\/Size (\d+)\b/g)].map((match) => Number(match[1]));
  return Math.max(...numbers, ...sizes);
}

/** Plain values to PDF objects: "/Name" a name, "@key" a reference (to an annotation's key, "@page3", or an object already in the file, "@12"), other strings text (UTF-16 when not ASCII). */
function toPdf(value: unknown, refs: Map<string, PDFRef>, context: PDFContext): PDFObject {
  if (value instanceof PDFRef || value instanceof PDFDict || value instanceof PDFArray || value instanceof PDFString || value instanceof PDFHexString)
    return value;
  if (typeof value === 'number') return PDFNumber.of(value);
  if (typeof value === 'boolean') return value ? PDFBool.True : PDFBool.False;
  if (Array.isArray(value)) {
    const array = context.obj([]);
    for (const item of value) array.push(toPdf(item, refs, context));
    return array;
  }
  if (typeof value === 'string' && value.startsWith('@')) {
    const ref = /^\d+$/.test(value.slice(1)) ? PDFRef.of(Number(value.slice(1))) : refs.get(value.slice(1));
    if (!ref) throw new Error(`no annotation or page ${value}`);
    return ref;
  }
  if (typeof value === 'string' && value.startsWith('/')) return PDFName.of(value.slice(1));
  if (typeof value === 'string') return /^[\x20-\x7e]*$/.test(value) ? PDFString.of(value) : PDFHexString.fromText(value);
  throw new Error(`cannot write ${String(value)} into a PDF`);
}

function writeUpdate(
  pdf: Uint8Array,
  document: PDFDocument,
  objects: { ref: PDFRef; object: PDFObject }[],
  size: number,
  xref: 'table' | 'stream',
): Uint8Array {
  const previous = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(new TextDecoder('latin1').decode(pdf.subarray(-64)));
  if (!previous) throw new Error('no startxref at the end of the PDF');
  const { Root, Info, ID } = document.context.trailerInfo;
  const chunks: Uint8Array[] = [pdf];
  let length = pdf.length;
  const append = (bytes: Uint8Array | string) => {
    const chunk = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    chunks.push(chunk);
    length += chunk.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) append('\n');
  const offsets = new Map<number, number>();
  for (const { ref, object } of objects.sort((a, b) => a.ref.objectNumber - b.ref.objectNumber)) {
    offsets.set(ref.objectNumber, length);
    append(`${ref.objectNumber} ${ref.generationNumber} obj\n${object.toString()}\nendobj\n`);
  }
  const trailer = (size: number) => `/Size ${size} /Root ${Root} ${Info ? `/Info ${Info} ` : ''}${ID ? `/ID ${ID} ` : ''}/Prev ${previous[1]}`;
  const start = length;
  if (xref === 'table') {
    const numbers = [...offsets.keys()];
    let table = 'xref\n0 1\n0000000000 65535 f\r\n';
    for (const [first, count] of runsOf(numbers)) {
      table += `${first} ${count}\n`;
      for (let number = first; number < first + count; number++) table += `${String(offsets.get(number)).padStart(10, '0')} 00000 n\r\n`;
    }
    append(`${table}trailer\n<< ${trailer(size)} >>\nstartxref\n${start}\n%%EOF\n`);
  } else {
    // The xref stream lists itself too; entries: type 1, 4-byte offset, 2-byte generation.
    const self = size;
    offsets.set(self, start);
    const numbers = [...offsets.keys()].sort((a, b) => a - b);
    const data = new Uint8Array(numbers.length * 7);
    numbers.forEach((number, index) => {
      const offset = offsets.get(number)!;
      data.set([1, (offset >>> 24) & 0xff, (offset >>> 16) & 0xff, (offset >>> 8) & 0xff, offset & 0xff, 0, 0], index * 7);
    });
    const index = runsOf(numbers).flat().join(' ');
    append(`${self} 0 obj\n<< /Type /XRef /W [1 4 2] /Index [${index}] ${trailer(self + 1)} /Length ${data.length} >>\nstream\n`);
    append(data);
    append(`\nendstream\nendobj\nstartxref\n${start}\n%%EOF\n`);
  }
  const result = new Uint8Array(length);
  let position = 0;
  for (const chunk of chunks) {
    result.set(chunk, position);
    position += chunk.length;
  }
  return result;
}

/** Sorted object numbers as xref subsections: [first, count] of consecutive numbers. */
function runsOf(numbers: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const number of [...numbers].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && last[0] + last[1] === number) last[1] += 1;
    else runs.push([number, 1]);
  }
  return runs;
}
