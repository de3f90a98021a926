/**
 * The proof's in-page side (a plain browser script, evaluated as a string after pagination, like the
 * pagination runtime; check/browser/lineBoxes.js, which finds the lines, is evaluated first). `paibanMeasureLines()`
 * reads the body lines Chromium laid out, per page and column;
 * `paibanDecorateProof(options)` adds the slug, line numbers, watermark and change bars as absolutely
 * positioned overlays, which cannot move a single line: the proof keeps the print's line breaks.
 */
import type { BlockPart, ProofDecoration, VisualLine } from '../api.js';
import { characterTest } from '../core/characters.js';
import { createMeasurer } from '../core/measurer.js';
import { boxOf, findSegments, type Glyph, type Segment } from '../core/segments.js';
/**
 *   x: the horizontal middle of each glyph of `text`, for the proof's line map (read-proof finds the glyphs under a mark)
 */

/** Source blocks: top-level blocks of article bodies carry data-line; fragments of a split block share data-ref. */
const blockSelector = '.article-body > [data-line], .article-head > [data-line]';

/** Characters the proof leaves out, as toPrintedText does: whitespace and the zero-width break hints. */
const unprinted = characterTest(/^[\s\u2060\u200b]$/u);

/**
 * Every visual line of the article blocks, page by page, with the pieces of source blocks it shows.
 */
function measureLines(): VisualLine[] {
  const lines: VisualLine[] = [];
  /** Characters of each source block seen so far (a block split over pages continues its offsets). */
  const seen: Map<string, number> = new Map();
  const measurer = createMeasurer();
  document.querySelectorAll('.pagedjs_page').forEach((page, pageIndex) => {
    const content = page.querySelector('.pagedjs_page_content');
    if (!content) return;
    const area = content.getBoundingClientRect();
    const pageLines: VisualLine[] = [];
    content.querySelectorAll(blockSelector).forEach((block) => {
      const article = block.closest('article');
      const file = (article as HTMLElement | null)?.dataset.file ?? '';
      const sourceLine = Number((block as HTMLElement).dataset.line);
      const key = `${file}:${sourceLine}`;
      let offset = seen.get(key) ?? 0;
      const head = block.closest('.article-head') !== null;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const segment of findSegments(node as Text, measurer, unprinted).segments) {
          for (const piece of splitByColumn(segment, head, area, measurer.range)) {
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
 * authors) spanning the columns; body lines are numbered per column, 1 or 2 by the half of the page area the
 * middle of a glyph is in. A segment across the middle (a table, which spans the columns) is measured glyph by
 * glyph; a glyph without a box, which a segment holds only when measured alone, is left out.
 */
function splitByColumn(segment: Segment, head: boolean, area: DOMRect, range: Range): Piece[] {
  if (segment.right === segment.left && segment.bottom === segment.top) return [];
  const middle = area.left + area.width / 2;
  if (head) return [{ ...segment, column: 0 }];
  if (segment.right < middle) return [{ ...segment, column: 1 }];
  if (segment.left >= middle) return [{ ...segment, column: 2 }];
  return segment.glyphs.flatMap((glyph) => {
    const rect = boxOf(glyph, range);
    if (!rect || (rect.width === 0 && rect.height === 0)) return [];
    const { left, right, top, bottom } = rect;
    return [{ glyphs: [glyph], left, right, top, bottom, column: left + rect.width / 2 < middle ? 1 : 2 }];
  });
}

/**
 * The line of a page a piece is on, made wider and taller to hold it: the first in its column whose middle is less
 * than half the piece's height from the piece's, or a new line.
 */
function placeOnLine(pageLines: VisualLine[], piece: Piece, page: number) {
  const { column, top, bottom, left, right } = piece;
  const middle = (top + bottom) / 2;
  let line = pageLines.find((candidate) => candidate.column === column && Math.abs((candidate.top + candidate.bottom) / 2 - middle) < (bottom - top) / 2);
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
  for (const column of [0, 1, 2]) {
    pageLines
      .filter((line) => line.column === column)
      .sort((a, b) => a.top - b.top)
      .forEach((line, index) => (line.number = index + 1));
  }
}

/**
 */
function decorateProof(options: ProofDecoration) {
  const pages = Array.from(document.querySelectorAll('.pagedjs_page'));
  const changed = new Set(options.changed.map((line) => `${line.page}:${line.column}:${line.number}`));
  pages.forEach((page, pageIndex) => {
    const pageLines = options.lines.filter((candidate) => candidate.page === pageIndex + 1);
    const box = page as HTMLElement;
    // Numbers align on the type area's edges, not on each line's (first lines are indented, table cells centred).
    const origin = box.getBoundingClientRect();
    const area = page.querySelector('.pagedjs_page_content')?.getBoundingClientRect() ?? origin;
    const typeLeft = area.left - origin.left;
    const typeRight = area.right - origin.left;
    box.style.position = 'relative';
    box.style.isolation = 'isolate';
    const width = origin.width;
    const add = (className: string, text: string, style: Record<string, string>) => {
      const element = document.createElement('div');
      element.className = `paiban-proof ${className}`;
      element.textContent = text;
      Object.assign(element.style, { position: 'absolute', margin: '0', ...style });
      box.appendChild(element);
    };
    add('paiban-proof-slug', `${options.slug}　第${pageIndex + 1}页`, {
      top: '4mm',
      left: '0',
      width: `${width}px`,
      textAlign: 'center',
      fontSize: '7pt',
      lineHeight: '1',
      color: '#000',
      fontFamily: 'paiban-song',
    });
    add('paiban-proof-watermark', options.watermark, {
      top: '40%',
      left: '0',
      width: `${width}px`,
      textAlign: 'center',
      fontSize: '110pt',
      lineHeight: '1',
      color: '#ececec',
      transform: 'rotate(-35deg)',
      zIndex: '-1',
      fontFamily: 'paiban-hei',
      letterSpacing: '0.3em',
    });
    for (const line of pageLines) {
      const key = `${line.page}:${line.column}:${line.number}`;
      const middle = (line.top + line.bottom) / 2;
      if (line.column > 0 && (line.number % options.lineStep === 0 || line.number === 1)) {
        const side = line.column === 1 ? { left: `${typeLeft - 26}px`, textAlign: 'right' } : { left: `${typeRight + 6}px`, textAlign: 'left' };
        add('paiban-proof-number', String(line.number), {
          top: `${middle - 4}px`,
          width: '20px',
          fontSize: '6.5pt',
          lineHeight: '8px',
          color: '#000',
          fontFamily: 'paiban-song',
          ...side,
        });
      }
      if (changed.has(key)) {
        const x = line.column === 2 ? typeRight + 28 : typeLeft - 30;
        add('paiban-proof-change', '', { top: `${line.top}px`, left: `${x}px`, width: '2px', height: `${line.bottom - line.top}px`, background: '#000' });
      }
    }
  });
}

export { measureLines, decorateProof };

/** glyphs of a segment in one column */
type Piece = Segment & { column: number };
