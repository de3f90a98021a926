/**
 * Places in a built proof found as a proofreader finds them, independently of paiban: the glyphs of a column read
 * from the PDF (pdfGlyphs), the text printed before a place to find it once, the line number printed beside a line,
 * and where the same words are in the Markdown.
 */
import { expect } from 'vitest';
import { type PdfGlyph, pdfGlyphs } from './pdfGlyphs.js';

/** A place in the proof: the printed text before it (to find it once in its column) and the text marked there. */
export interface Place {
  page: number;
  column: number;
  before: string;
  target: string;
}

/** The proof PDF and its page size (set once the proof is built). */
export interface ProofPages {
  pdf: string;
  width: number;
  height: number;
}

/** Body glyphs (10.5 pt) of one column of a proof page in reading order. */
export function columnGlyphs(proof: ProofPages, page: number, column: number): PdfGlyph[] {
  return pdfGlyphs(proof.pdf, page, proof.height)
    .filter((glyph) => glyph.size === 10.5 && (glyph.left + glyph.right) / 2 < proof.width / 2 === (column === 1))
    .sort((a, b) => b.top - a.top || a.left - b.left);
}

/** The glyphs printing `target` after `before` in a column (found exactly once there); for an insertion, the glyph after the point. */
export function findGlyphs(proof: ProofPages, { page, column, before, target }: Place): PdfGlyph[] {
  const glyphs = columnGlyphs(proof, page, column);
  const text = glyphs.map((glyph) => glyph.character).join('');
  const index = text.indexOf(before + target);
  expect(index, `${before}${target} on page ${page}`).toBeGreaterThanOrEqual(0);
  expect(text.lastIndexOf(before + target)).toBe(index);
  return glyphs.slice(index + before.length, index + before.length + Math.max(target.length, 1));
}

/** QuadPoints as Acrobat writes them, one quad per line: upper left, upper right, lower left, lower right. */
export function quadsOf(glyphs: PdfGlyph[]): { QuadPoints: number[]; Rect: number[] } {
  const lines = new Map<number, PdfGlyph[]>();
  for (const glyph of glyphs) lines.set(glyph.top, [...(lines.get(glyph.top) ?? []), glyph]);
  const quads = [...lines.values()].flatMap((line) => {
    const [left, right] = [Math.min(...line.map((glyph) => glyph.left)), Math.max(...line.map((glyph) => glyph.right))];
    const { top, bottom } = line[0];
    return [left, top, right, top, left, bottom, right, bottom];
  });
  const xs = quads.filter((_, index) => index % 2 === 0);
  const ys = quads.filter((_, index) => index % 2 === 1);
  return { QuadPoints: quads, Rect: [Math.min(...xs) - 1, Math.min(...ys) - 1, Math.max(...xs) + 1, Math.max(...ys) + 1] };
}

/** The line number the proof prints beside a glyph's line (lineStep 1), read from the page like the proofreader does. */
export function printedLineNumber(proof: ProofPages, page: number, column: number, glyph: PdfGlyph): number {
  const middle = (glyph.top + glyph.bottom) / 2;
  const numbers = pdfGlyphs(proof.pdf, page, proof.height).filter(
    (candidate) => candidate.size === 6.5 && /\d/.test(candidate.character) && (column === 1 ? candidate.right < glyph.left : candidate.left > glyph.right),
  );
  const distance = (candidate: PdfGlyph) => Math.abs((candidate.top + candidate.bottom) / 2 - middle);
  const nearest = Math.min(...numbers.map(distance));
  expect(nearest).toBeLessThan(5);
  const digits = numbers.filter((candidate) => distance(candidate) === nearest).sort((a, b) => a.left - b.left);
  return Number(digits.map((digit) => digit.character).join(''));
}

/** Where `before + target` starts its target in the article source: 1-based line and column. */
export function sourcePlace(source: string, { before, target }: { before: string; target: string }): { offset: number; line: number; column: number } {
  const offset = source.indexOf(before + target) + before.length;
  expect(source.indexOf(before + target, offset)).toBe(-1);
  const lines = source.slice(0, offset).split('\n');
  return { offset, line: lines.length, column: lines.at(-1)!.length + 1 };
}

/** The source with edits made at the places they mark (each `target` replaced by `text`). */
export function withEdits(source: string, edits: { before: string; target: string; text: string }[]): string {
  const places = edits.map((edit) => ({ ...sourcePlace(source, edit), edit })).sort((a, b) => b.offset - a.offset);
  let text = source;
  for (const { offset, edit } of places) text = text.slice(0, offset) + edit.text + text.slice(offset + edit.target.length);
  return text;
}
