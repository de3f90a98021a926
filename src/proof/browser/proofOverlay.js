// @ts-check
/**
 * The proof's in-page side (a plain browser script, evaluated as a string after pagination, like the
 * pagination runtime). `paibanMeasureLines()` reads the body lines Chromium laid out, per page and column;
 * `paibanDecorateProof(options)` adds the slug, line numbers, watermark and change bars as absolutely
 * positioned overlays, which cannot move a single line: the proof keeps the print's line breaks.
 */
(() => {
  /**
   * @typedef {{ file: string, line: number, start: number, length: number }} BlockPart  the piece of a source block a visual line shows
   * @typedef {{ page: number, column: number, number: number, top: number, bottom: number, left: number, right: number, text: string, parts: BlockPart[] }} VisualLine
   */

  /** Source blocks: top-level blocks of article bodies carry data-line; fragments of a split block share data-ref. */
  const blockSelector = '.article-body > [data-line], .article-head > [data-line]';

  /** @returns {VisualLine[]} */
  function measureLines() {
    /** @type {VisualLine[]} */
    const lines = [];
    /** Characters of each source block seen so far (a block split over pages continues its offsets). @type {Map<string, number>} */
    const seen = new Map();
    const range = document.createRange();
    document.querySelectorAll('.pagedjs_page').forEach((page, pageIndex) => {
      const content = page.querySelector('.pagedjs_page_content');
      if (!content) return;
      const area = content.getBoundingClientRect();
      /** @type {VisualLine[]} */
      const pageLines = [];
      content.querySelectorAll(blockSelector).forEach((block) => {
        const article = block.closest('article');
        const file = /** @type {HTMLElement | null} */ (article)?.dataset.file ?? '';
        const sourceLine = Number(/** @type {HTMLElement} */ (block).dataset.line);
        const key = `${file}:${sourceLine}`;
        let offset = seen.get(key) ?? 0;
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.nodeValue ?? '';
          for (let index = 0; index < text.length; index++) {
            // As toPrintedText: no whitespace, no zero-width break hints.
            if (/[\s\u2060\u200B]/.test(text[index])) continue;
            range.setStart(node, index);
            range.setEnd(node, index + 1);
            const rect = range.getBoundingClientRect();
            if (rect.width === 0 && rect.height === 0) continue;
            // Column 0 is the article head (title, authors) spanning the columns; body lines are numbered per column.
            const column = block.closest('.article-head') ? 0 : rect.left + rect.width / 2 < area.left + area.width / 2 ? 1 : 2;
            const middle = (rect.top + rect.bottom) / 2;
            let line = pageLines.find((candidate) => candidate.column === column && Math.abs((candidate.top + candidate.bottom) / 2 - middle) < rect.height / 2);
            if (!line) {
              line = { page: pageIndex + 1, column, number: 0, top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right, text: '', parts: [] };
              pageLines.push(line);
            }
            line.top = Math.min(line.top, rect.top);
            line.bottom = Math.max(line.bottom, rect.bottom);
            line.left = Math.min(line.left, rect.left);
            line.right = Math.max(line.right, rect.right);
            let last = line.parts.at(-1);
            if (!last || last.file !== file || last.line !== sourceLine) {
              last = { file, line: sourceLine, start: offset, length: 0 };
              line.parts.push(last);
            }
            last.length++;
            line.text += text[index];
            offset++;
          }
        }
        seen.set(key, offset);
      });
      // Number the lines of each column from its top.
      for (const column of [0, 1, 2]) {
        pageLines
          .filter((line) => line.column === column)
          .sort((a, b) => a.top - b.top)
          .forEach((line, index) => (line.number = index + 1));
      }
      const origin = page.getBoundingClientRect();
      for (const line of pageLines) {
        line.top -= origin.top;
        line.bottom -= origin.top;
        line.left -= origin.left;
        line.right -= origin.left;
      }
      lines.push(...pageLines);
    });
    return lines;
  }

  /**
   * @param {{ lines: VisualLine[], slug: string, lineStep: number, watermark: string, changed: Array<{ page: number, column: number, number: number }> }} options
   */
  function decorateProof(options) {
    const pages = Array.from(document.querySelectorAll('.pagedjs_page'));
    const changed = new Set(options.changed.map((line) => `${line.page}:${line.column}:${line.number}`));
    pages.forEach((page, pageIndex) => {
      const pageLines = options.lines.filter((candidate) => candidate.page === pageIndex + 1);
      const box = /** @type {HTMLElement} */ (page);
      // Numbers align on the type area's edges, not on each line's (first lines are indented, table cells centred).
      const origin = box.getBoundingClientRect();
      const area = page.querySelector('.pagedjs_page_content')?.getBoundingClientRect() ?? origin;
      const typeLeft = area.left - origin.left;
      const typeRight = area.right - origin.left;
      box.style.position = 'relative';
      box.style.isolation = 'isolate';
      const width = origin.width;
      const add = (/** @type {string} */ className, /** @type {string} */ text, /** @type {Record<string, string>} */ style) => {
        const element = document.createElement('div');
        element.className = `paiban-proof ${className}`;
        element.textContent = text;
        Object.assign(element.style, { position: 'absolute', margin: '0', ...style });
        box.appendChild(element);
      };
      add('paiban-proof-slug', `${options.slug}　第${pageIndex + 1}页`, { top: '4mm', left: '0', width: `${width}px`, textAlign: 'center', fontSize: '7pt', lineHeight: '1', color: '#000', fontFamily: 'paiban-song' });
      add('paiban-proof-watermark', options.watermark, {
        top: '40%', left: '0', width: `${width}px`, textAlign: 'center', fontSize: '110pt', lineHeight: '1', color: '#ececec',
        transform: 'rotate(-35deg)', zIndex: '-1', fontFamily: 'paiban-hei', letterSpacing: '0.3em',
      });
      for (const line of pageLines) {
        const key = `${line.page}:${line.column}:${line.number}`;
        const middle = (line.top + line.bottom) / 2;
        if (line.column > 0 && (line.number % options.lineStep === 0 || line.number === 1)) {
          const side = line.column === 1 ? { left: `${typeLeft - 26}px`, textAlign: 'right' } : { left: `${typeRight + 6}px`, textAlign: 'left' };
          add('paiban-proof-number', String(line.number), { top: `${middle - 4}px`, width: '20px', fontSize: '6.5pt', lineHeight: '8px', color: '#000', fontFamily: 'paiban-song', ...side });
        }
        if (changed.has(key)) {
          const x = line.column === 2 ? typeRight + 28 : typeLeft - 30;
          add('paiban-proof-change', '', { top: `${line.top}px`, left: `${x}px`, width: '2px', height: `${line.bottom - line.top}px`, background: '#000' });
        }
      }
    });
  }

  const global = /** @type {any} */ (window);
  global.paibanMeasureLines = measureLines;
  global.paibanDecorateProof = decorateProof;
})();
