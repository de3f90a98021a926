/** The proof's overlays (src/page/entries/proof.ts), added once its lines are measured and numbered. */
import type { ProofDecoration } from '../api.js';
import { columnEdges, columnsOf } from '../core/columns.js';

/**
 * Adds the slug, line numbers, watermark and change bars as absolutely positioned overlays, which cannot move a single
 * line: the proof keeps the print's line breaks. A column's numbers stand beside it: the first's in the left margin,
 * the last's in the right, a middle column's in the gap before it.
 */
export function decorateProof(options: ProofDecoration) {
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
    const body = page.querySelector('.article-body');
    const columns = body ? columnsOf(body) : undefined;
    const count = columns?.count ?? 1;
    /** The left edge of a middle column (from 1), from the page's left. */
    const columnLeft = (column: number) => (columns ? columnEdges(columns, column - 1).left - origin.left : typeLeft);
    for (const line of pageLines) {
      const key = `${line.page}:${line.column}:${line.number}`;
      const middle = (line.top + line.bottom) / 2;
      const last = count > 1 && line.column === count;
      if (line.column > 0 && (line.number % options.lineStep === 0 || line.number === 1)) {
        const gap = columns?.gap ?? 0;
        const side =
          line.column === 1
            ? { left: `${typeLeft - 26}px`, textAlign: 'right' }
            : last
              ? { left: `${typeRight + 6}px`, textAlign: 'left' }
              : { left: `${columnLeft(line.column) - gap / 2 - 10}px`, textAlign: 'center' };
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
        const x = last ? typeRight + 28 : line.column > 1 ? columnLeft(line.column) - 3 : typeLeft - 30;
        add('paiban-proof-change', '', { top: `${line.top}px`, left: `${x}px`, width: '2px', height: `${line.bottom - line.top}px`, background: '#000' });
      }
    }
  });
}
