/** Reading a produced PDF the way a person or a printer's tool would: poppler's pdftotext, pdffonts, pdfinfo. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PDFDict, PDFDocument, type PDFHexString, PDFName, PDFRef, type PDFString } from 'pdf-lib';

/** The text of each page in content-stream order (-raw: Chromium draws in DOM order, so columns stay apart). */
export function pageTexts(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(pdf: string): FontRow[] {
  const lines = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const name = line.split(/\s+/)[0];
    const match = /(Type 3|CID TrueType|TrueType|Type 1C?|CID Type 0C?)\s+\S+\s+(yes|no)\s+(yes|no)/.exec(line);
    return { name, type: match?.[1] ?? '?', embedded: match?.[2] === 'yes', subset: match?.[3] === 'yes' };
  });
}

export function pdfInfo(pdf: string): Record<string, string> {
  const text = execFileSync('pdfinfo', ['-enc', 'UTF-8', pdf], { encoding: 'utf8' });
  return Object.fromEntries(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

export interface OutlineItem {
  title: string;
  page: number;
  children: OutlineItem[];
}

/** The PDF's bookmarks with the page each points to. */
export async function pdfOutline(pdf: string): Promise<OutlineItem[]> {
  const document = await PDFDocument.load(readFileSync(pdf));
  const pageRefs = document.getPages().map((page) => page.ref.toString());
  const lookup = (value: unknown) => (value instanceof PDFRef ? document.context.lookup(value) : value) as PDFDict | undefined;
  const readLevel = (first: unknown): OutlineItem[] => {
    const items: OutlineItem[] = [];
    for (let item = lookup(first); item; item = lookup(item.get(PDFName.of('Next')))) {
      const title = item.get(PDFName.of('Title')) as PDFHexString | PDFString;
      const destination = document.context.lookup(item.get(PDFName.of('Dest'))) as unknown as { get(index: number): unknown };
      const page = pageRefs.indexOf(String(destination.get(0))) + 1;
      items.push({ title: title.decodeText(), page, children: readLevel(item.get(PDFName.of('First'))) });
    }
    return items;
  };
  const outlines = lookup(document.catalog.get(PDFName.of('Outlines')));
  return outlines ? readLevel(outlines.get(PDFName.of('First'))) : [];
}

/**
 * Text with all whitespace removed (pdftotext breaks lines where the layout did), and a word hyphenated at a line's
 * end joined again, as readers' search does: a finished PDF reads `Check-` / `point` (dropInvisibleText), Chromium's
 * own PDF its soft hyphens too, and the hyphen it draws after the one where the line breaks.
 */
export function squeeze(text: string): string {
  return text
    .replace(/(?<=[A-Za-z])\u00AD?-[^\S\n]*\n\s*(?=[a-z])/g, '')
    .replace(/[\s\u2060\u200B]+/g, '')
    .replace(/\u00AD-?/g, '');
}

export interface PdfWord {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** The words of one page with their boxes (pdftotext -bbox), top to bottom. */
export function pdfWords(pdf: string, page: number): PdfWord[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    .map((match) => ({ xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]), text: match[5] }))
    .sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
}

/** Words grouped into lines: words whose vertical middles are within 3 pt, left to right. */
export function groupLines(words: PdfWord[]): PdfWord[] {
  const lines: PdfWord[][] = [];
  for (const word of words) {
    const middle = (word.yMin + word.yMax) / 2;
    const line = lines.find((candidate) => Math.abs((candidate[0].yMin + candidate[0].yMax) / 2 - middle) < 3);
    if (line) line.push(word);
    else lines.push([word]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.xMin - b.xMin);
    return {
      xMin: Math.min(...line.map((word) => word.xMin)),
      yMin: Math.min(...line.map((word) => word.yMin)),
      xMax: Math.max(...line.map((word) => word.xMax)),
      yMax: Math.max(...line.map((word) => word.yMax)),
      text: line.map((word) => word.text).join(''),
    };
  });
}

/** A PDF's pages as PNG images at 30 dpi: equal images mean equal pages, side and styles included. */
export function renderPages(pdf: string): Buffer[] {
  const folder = mkdtempSync(join(tmpdir(), 'paiban-pages-'));
  execFileSync('pdftoppm', ['-r', '30', '-png', pdf, join(folder, 'page')]);
  return readdirSync(folder)
    .filter((name) => name.endsWith('.png'))
    .sort()
    .map((name) => readFileSync(join(folder, name)));
}
