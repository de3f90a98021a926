/**
 * The measuring core offered to a test page (bundled by test/page/core.e2e.test.ts with esbuild, as `npm run build`
 * bundles the page's scripts): each function takes an element id and answers in JSON.
 */
import { loosenParagraph } from '../../src/page/columns/loosen.js';
import { spaceLineChanges } from '../../src/page/columns/spaceLines.js';
import { seatBench, withBenchHost } from '../../src/page/core/bench.js';
import { linesOf } from '../../src/page/core/columnLines.js';
import { columnIndexAt, columnsOf } from '../../src/page/core/columns.js';
import { linesBelow } from '../../src/page/core/grid.js';
import { createMeasurer } from '../../src/page/core/measurer.js';
import { measureParagraph } from '../../src/page/core/paragraphLines.js';
import { findSegments } from '../../src/page/core/segments.js';
import { shortLines } from '../../src/page/core/shortColumns.js';

const byId = (id: string) => document.getElementById(id) as HTMLElement;

const core = {
  /** The glyphs of an element's first text node in segments (one per line box), as the proof and the check read them. */
  segments: (id: string) =>
    findSegments(byId(id).firstChild as Text, createMeasurer()).segments.map((segment) => ({
      text: segment.glyphs.map((glyph) => glyph.character).join(''),
      breakAfter: segment.glyphs.filter((glyph) => glyph.spaceAfter).map((glyph) => glyph.character),
      top: segment.top,
    })),
  /** A paragraph's lines and what justifying would spread each by. */
  paragraph: (id: string) => {
    const { lines, stretches, em } = measureParagraph(byId(id));
    return { lines: lines.map((line) => line.glyphs.map((glyph) => glyph.character).join('')), stretches, em };
  },
  /**
   * 拉行 of a paragraph set alone in one column as wide as it: how many lines were loosened (null: it could not be),
   * its lines after and the adjustments made in it.
   */
  loosen: (id: string) => {
    const paragraph = byId(id);
    const box = paragraph.getBoundingClientRect();
    const count = loosenParagraph(paragraph, { left: box.left, width: box.width, gap: 0, count: 1 }) ?? null;
    const { lines, stretches, em } = measureParagraph(paragraph);
    return {
      count,
      lines: lines.map((line) => line.glyphs.map((glyph) => glyph.character).join('')),
      stretches: stretches.map((stretch) => stretch / em),
      adjustments: Array.from(paragraph.querySelectorAll('[data-adjust]'), (element) => (element as HTMLElement).dataset.adjust),
    };
  },
  /**
   * 加行 in a multicol container whose bottom is the foot: the ways to give its short columns a line of space, the
   * first applied; its columns short before and after, and the ids of the elements given a line.
   */
  spaceLine: (id: string, pitch: number) => {
    const container = byId(id);
    const geometry = columnsOf(container);
    const foot = container.getBoundingClientRect().bottom;
    const before = shortLines(container, geometry, foot, pitch) ?? [];
    const changes = [
      ...spaceLineChanges(
        container,
        geometry,
        before.findLastIndex((lines) => lines > 0),
        pitch,
      ),
    ];
    changes[0]?.();
    return {
      changes: changes.length,
      before,
      after: shortLines(container, geometry, foot, pitch),
      spaced: Array.from(container.querySelectorAll('[data-adjust="space"]'), (element) => element.id),
    };
  },
  /** A multicol container's columns, the column of each of its children's text lines, and each column's lines short of its foot. */
  columns: (id: string, pitch: number) => {
    const container = byId(id);
    const columns = columnsOf(container);
    const bands = linesOf(container, columns);
    const foot = container.getBoundingClientRect().bottom;
    const bottoms = Array.from({ length: columns.count }, (_, column) =>
      Math.max(...bands.filter((band) => band.column === column).map((band) => band.bottom)),
    );
    return {
      count: columns.count,
      width: columns.width,
      gap: columns.gap,
      lines: Array.from({ length: columns.count }, (_, column) => bands.filter((band) => band.column === column).length),
      short: bottoms.map((bottom) => linesBelow(bottom, foot, pitch)),
      columnOfChildren: Array.from(container.children, (child) => columnIndexAt(columns, child.getBoundingClientRect().left)),
    };
  },
  /** The short-column count of a multicol container whose bottom is the foot (null: the page is not counted). */
  shortLines: (id: string, pitch: number) => {
    const container = byId(id);
    return shortLines(container, columnsOf(container), container.getBoundingClientRect().bottom, pitch) ?? null;
  },
  /**
   * Where benches are seated: in one host kept for a filling (nested fillings share it, an asynchronous one keeps it
   * until it settles), else each in a host of its own; no host is left in the document after.
   */
  benchHosts: async () => {
    const hosts = () => document.querySelectorAll('html > div').length;
    const seatTwo = () => {
      const [first, second] = [document.createElement('p'), document.createElement('p')];
      const unseat = [seatBench(first), seatBench(second)];
      const facts = { shared: first.parentNode === second.parentNode, contained: (first.parentNode as HTMLElement).style.contain, hosts: hosts() };
      for (const each of unseat) each();
      return facts;
    };
    const alone = seatTwo();
    const kept = withBenchHost(() => ({ outer: seatTwo(), nested: withBenchHost(seatTwo) }));
    const whileAwaiting = await withBenchHost(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return seatTwo();
    });
    return { alone, kept, whileAwaiting, left: hosts() };
  },
};

Object.assign(window, { core });
