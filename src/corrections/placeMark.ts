/**
 * Where a mark is, through the proof's own line map: the glyphs inside its quads (a glyph is inside when the middle
 * of its box is, so one merely touching a quad's edge is not) from where the first quad starts to where the last
 * one ends in the proof's reading order, or the gap between glyphs nearest a caret, or the line nearest a note;
 * then the printed line (page, column, line) and the source range those glyphs came from.
 */
import type { ProofMap, ProofMapLine } from '../proof/buildProofMap.js';
import type { ProofLocation } from '../proof/locateInProof.js';
import type { Mark } from './groupMarks.js';

export interface Placement {
  proof: ProofLocation;
  /** The printed text under the mark, or around a caret (‸); empty for a note or a mark on no article text. */
  marked: string;
  /** The source range the mark covers in the proofed file `file` of the map (start = end for an insertion). */
  range?: { file: number; start: number; end: number };
  /** Why a correction has no source range. */
  problem?: string;
}

/** The map's lines by page, each with its glyphs (code points), for placing many marks. */
export type LineIndex = Map<number, { line: ProofMapLine; glyphs: string[] }[]>;

export function indexLines(map: ProofMap): LineIndex {
  const index: LineIndex = new Map();
  for (const line of map.lines) {
    const lines = index.get(line.page) ?? [];
    lines.push({ line, glyphs: Array.from(line.text) });
    index.set(line.page, lines);
  }
  return index;
}

type IndexedLine = { line: ProofMapLine; glyphs: string[] };
type GlyphAt = { at: IndexedLine; glyph: number };

const offPage = (page: number): ProofLocation => ({ page, column: 0, line: 0 });
const locationOf = ({ line }: IndexedLine): ProofLocation => ({ page: line.page, column: line.column, line: line.line });

export function placeMark(mark: Mark, lines: LineIndex): Placement {
  const pageLines = lines.get(mark.page) ?? [];
  if (mark.quads.length > 0) return placeOnGlyphs(inReadingOrder(mark.quads, pageLines), mark);
  if (!mark.point) return { proof: offPage(mark.page), marked: '' };
  const nearest = (mark.point.rule === 'apex' && lineAbove(pageLines, mark.point)) || nearestLine(pageLines, mark.point);
  if (mark.kind !== 'insert') return { proof: nearest ? locationOf(nearest.at) : offPage(mark.page), marked: '', range: nearest && lineStart(nearest.at) };
  if (!nearest || nearest.distance > lineHeight(nearest.at))
    return { proof: offPage(mark.page), marked: '', problem: 'the caret is on no line of article text' };
  return placeCaret(nearest.at, mark.point.x);
}

function placeOnGlyphs(glyphs: GlyphAt[], mark: Mark): Placement {
  if (glyphs.length === 0)
    return { proof: offPage(mark.page), marked: '', problem: 'the mark covers no article text (a running head, page or line number, or the margin)' };
  const marked = glyphs.map(({ at, glyph }) => at.glyphs[glyph]).join('');
  const proof = locationOf(glyphs[0].at);
  const sources = glyphs.map(sourceOf);
  if (sources.some((source) => !source)) return { proof, marked, problem: 'the mark covers text the page adds, which is in no source file' };
  const [first, last] = [sources[0]!, sources.at(-1)!];
  if (sources.some((source) => source!.file !== first.file) || last.start < first.start)
    return { proof, marked, problem: 'the mark spans two articles or runs backwards' };
  return { proof, marked, range: { file: first.file, start: first.start, end: last.end } };
}

function placeCaret(at: IndexedLine, x: number): Placement {
  const gap = at.line.x.filter((middle) => middle !== null && middle < x).length;
  const marked = `${at.glyphs.slice(Math.max(0, gap - 5), gap).join('')}‸${at.glyphs.slice(gap, gap + 5).join('')}`;
  const before = gap > 0 ? sourceOf({ at, glyph: gap - 1 }) : undefined;
  const after = gap < at.glyphs.length ? sourceOf({ at, glyph: gap }) : undefined;
  const offset = before?.end ?? after?.start;
  const file = before?.file ?? after?.file;
  if (offset === undefined || file === undefined)
    return { proof: locationOf(at), marked, problem: 'the caret is beside text the page adds, which is in no source file' };
  return { proof: locationOf(at), marked, range: { file, start: offset, end: offset } };
}

/**
 * The glyphs of the quads from the first glyph of the first quad to the last glyph of the last, in the proof's
 * reading order (column by column). A reader that reads this proof's columns row by row (poppler, so Evince) marks
 * the rest of a row across the gutter when a selection goes on to the next line: the other column's words are in its
 * quads but not between the mark's start and end.
 */
function inReadingOrder(quads: Mark['quads'], pageLines: IndexedLine[]): GlyphAt[] {
  const perQuad = quads.map((quad) => glyphsInside(quad, pageLines));
  const all = [...new Map(perQuad.flat().map((found) => [orderOf(found), found])).entries()].sort(([a], [b]) => a - b);
  const first = Math.min(...(perQuad[0] ?? []).map(orderOf));
  const last = Math.max(...(perQuad.at(-1) ?? []).map(orderOf));
  const [from, to] = first <= last ? [first, last] : [-Infinity, Infinity];
  return all.filter(([order]) => from <= order && order <= to).map(([, found]) => found);
}

/** A glyph's place in reading order: column, then line, then glyph (column 0, the title area, comes first). */
const orderOf = ({ at, glyph }: GlyphAt) => (at.line.column * 10_000 + at.line.line) * 10_000 + glyph;

/** The glyphs whose middles are inside one quad. */
function glyphsInside([left, bottom, right, top]: Mark['quads'][number], pageLines: IndexedLine[]): GlyphAt[] {
  const found: GlyphAt[] = [];
  for (const at of pageLines) {
    const [lineLeft, lineBottom, lineRight, lineTop] = at.line.box;
    const middle = (lineBottom + lineTop) / 2;
    if (!(bottom < middle && middle < top) || lineRight <= left || right <= lineLeft) continue;
    at.line.x.forEach((x, glyph) => {
      if (x !== null && left < x && x < right) found.push({ at, glyph });
    });
  }
  return found;
}

function nearestLine(pageLines: IndexedLine[], point: { x: number; y: number }): { at: IndexedLine; distance: number } | undefined {
  let nearest: { at: IndexedLine; distance: number } | undefined;
  for (const at of pageLines) {
    const [left, bottom, right, top] = at.line.box;
    const dx = Math.max(left - point.x, 0, point.x - right);
    const dy = Math.max(bottom - point.y, 0, point.y - top);
    const distance = Math.hypot(dx, dy);
    if (!nearest || distance < nearest.distance) nearest = { at, distance };
  }
  return nearest;
}

/**
 * The line a caret's apex points up at: the line whose box holds the apex, or else the nearest line above it within
 * a line's height (a caret hangs under the line it inserts into, its apex at the gap).
 */
function lineAbove(pageLines: IndexedLine[], point: { x: number; y: number }): { at: IndexedLine; distance: number } | undefined {
  let nearest: { at: IndexedLine; distance: number } | undefined;
  for (const at of pageLines) {
    const [left, bottom, right, top] = at.line.box;
    if (point.x < left - lineHeight(at) || point.x > right + lineHeight(at) || point.y > top) continue;
    const distance = Math.max(bottom - point.y, 0);
    if (distance <= lineHeight(at) && (!nearest || distance < nearest.distance)) nearest = { at, distance };
  }
  return nearest;
}

const lineHeight = ({ line }: IndexedLine) => line.box[3] - line.box[1];

/** The source of one glyph: its file in the map and its range in the proofed source; undefined for text the page adds. */
function sourceOf({ at, glyph }: GlyphAt): { file: number; start: number; end: number } | undefined {
  const run = at.line.runs.find(([first, , , count]) => first <= glyph && glyph < first + count);
  if (!run) return undefined;
  const [first, file, offset] = run;
  const start = offset + at.glyphs.slice(first, glyph).join('').length;
  return { file, start, end: start + at.glyphs[glyph].length };
}

/** A note's place in the source: the start of the line's first glyph from a source. */
function lineStart(at: IndexedLine): Placement['range'] {
  const run = at.line.runs[0];
  if (!run) return undefined;
  const source = sourceOf({ at, glyph: run[0] });
  return source && { file: source.file, start: source.start, end: source.start };
}
