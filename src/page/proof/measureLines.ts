/**
 * The proof's lines (src/page/entries/proof.ts, after printing): every visual line of the article blocks Chromium laid
 * out, per page and column of its article body, with the pieces of source blocks it shows and the middle of each
 * glyph (the proof's line map, by which read-proof places a mark). Lines and columns are the measuring core's.
 */
import type { BlockPart, VisualLine } from '../api.js';
import { characterTest } from '../core/characters.js';
import { columnEdges, columnIndexAt, columnsOf, type Columns } from '../core/columns.js';
import { inBand } from '../core/lines.js';
import { createMeasurer } from '../core/measurer.js';
import { boxOf, findSegments, type Glyph, type Segment } from '../core/segments.js';

/** Source blocks: top-level blocks of article bodies carry data-line; fragments of a split block share data-ref. */
const blockSelector = '.article-body > [data-line], .article-head > [data-line]';

/** Characters the proof leaves out, as toPrintedText does: whitespace and the zero-width break hints. */
const unprinted = characterTest(/^[\s\u2060\u200b]$/u);

/** Glyphs of a segment in one column (from 1; 0 the article head). */
type Piece = Segment & { column: number };

/**
 * Every visual line of the article blocks, page by page, with the pieces of source blocks it shows.
 */
export function measureLines(): VisualLine[] {
  const lines: VisualLine[] = [];
  /** Characters of each source block seen so far (a block split over pages continues its offsets). */
  const seen: Map<string, number> = new Map();
  const measurer = createMeasurer();
  document.querySelectorAll('.pagedjs_page').forEach((page, pageIndex) => {
    const content = page.querySelector('.pagedjs_page_content');
    if (!content) return;
    const pageLines: VisualLine[] = [];
    /** The columns of the article body on this page (its fragment of it), read once. */
    const bodyColumns = new Map<Element, Columns>();
    content.querySelectorAll(blockSelector).forEach((block) => {
      const article = block.closest('article');
      const file = (article as HTMLElement | null)?.dataset.file ?? '';
      const sourceLine = Number((block as HTMLElement).dataset.line);
      const key = `${file}:${sourceLine}`;
      let offset = seen.get(key) ?? 0;
      const body = block.closest('.article-head') ? null : block.closest('.article-body');
      const columns = body && (bodyColumns.get(body) ?? bodyColumns.set(body, columnsOf(body)).get(body));
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const segment of findSegments(node as Text, measurer, unprinted).segments) {
          for (const piece of splitByColumn(segment, columns ?? undefined, measurer.range)) {
            const text = piece.glyphs.map((glyph) => glyph.character).join('');
            const middles = piece.glyphs.map((glyph) => middleOf(glyph, measurer.range));
            appendText(placeOnLine(pageLines, piece, pageIndex + 1), { file, line: sourceLine, start: offset, length: text.length }, text, middles);
            offset += text.length;
          }
        }
      }
      seen.set(key, offset);
    });
    numberLines(pageLines);
    const origin = page.getBoundingClientRect();
    for (const line of pageLines) {
      line.top -= origin.top;
      line.bottom -= origin.top;
      line.left -= origin.left;
      line.right -= origin.left;
      line.x = line.x.map((x) => x - origin.left);
    }
    lines.push(...pageLines);
  });
  return lines;
}

/**
 * A segment's glyphs in pieces that each lie in one column, with their edges. Column 0 is the article head (title,
 * authors, `columns` undefined) spanning the columns; body lines are numbered per column of the article body (from
 * 1, as many as it has), by the column the middle of a glyph is in (core/columns.ts). A segment reaching past its
 * first glyph's column (a table, which spans the columns) is measured glyph by glyph; a glyph without a box, which a
 * segment holds only when measured alone, is left out.
 */
function splitByColumn(segment: Segment, columns: Columns | undefined, range: Range): Piece[] {
  if (segment.right === segment.left && segment.bottom === segment.top) return [];
  if (!columns) return [{ ...segment, column: 0 }];
  const column = columnIndexAt(columns, segment.left);
  // The middle of the gap after the column: a segment ending before it lies in the column.
  const end = columnEdges(columns, column).right + columns.gap / 2;
  if (column === columns.count - 1 || segment.right < end) return [{ ...segment, column: column + 1 }];
  return segment.glyphs.flatMap((glyph) => {
    const rect = boxOf(glyph, range);
    if (!rect || (rect.width === 0 && rect.height === 0)) return [];
    const { left, right, top, bottom } = rect;
    return [{ glyphs: [glyph], left, right, top, bottom, column: columnIndexAt(columns, left + rect.width / 2) + 1 }];
  });
}

/**
 * The line of a page a piece is on, made wider and taller to hold it: the first in its column whose band the piece
 * is on (the core's band rule, core/lines.ts, as the check and the adjustment group lines), or a new line.
 */
function placeOnLine(pageLines: VisualLine[], piece: Piece, page: number) {
  const { column, top, bottom, left, right } = piece;
  let line = pageLines.find((candidate) => candidate.column === column && inBand(piece, candidate));
  if (!line) {
    line = { page, column, number: 0, top, bottom, left, right, text: '', parts: [], x: [] };
    pageLines.push(line);
  }
  line.top = Math.min(line.top, top);
  line.bottom = Math.max(line.bottom, bottom);
  line.left = Math.min(line.left, left);
  line.right = Math.max(line.right, right);
  return line;
}

/**
 * Adds to a line the text of a piece of a source block, continuing the line's last part when the piece follows it.
 */
function appendText(line: VisualLine, part: BlockPart, text: string, middles: number[]) {
  const last = line.parts.at(-1);
  if (last && last.file === part.file && last.line === part.line) last.length += part.length;
  else line.parts.push(part);
  line.text += text;
  line.x.push(...middles);
}

/**
 * The horizontal middle of a glyph's box. Each glyph is measured: the line finding measures only a few, and a
 * proofreader's mark may start or end at any glyph.
 */
function middleOf(glyph: Glyph, range: Range) {
  const rect = boxOf(glyph, range);
  return rect ? rect.left + rect.width / 2 : NaN;
}

/** Numbers the lines of each column of a page from the column's top. */
function numberLines(pageLines: VisualLine[]) {
  for (const column of [...new Set(pageLines.map((line) => line.column))].sort((a, b) => a - b)) {
    pageLines
      .filter((line) => line.column === column)
      .sort((a, b) => a.top - b.top)
      .forEach((line, index) => (line.number = index + 1));
  }
}
