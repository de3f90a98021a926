/**
 * The page's measuring core (src/page/core/) on small HTML fixtures in real Chromium: a soft hyphen at a line break,
 * a paragraph over two columns, one- and three-column containers, a paragraph's stretches, the short-column count. The core is bundled with
 * esbuild from test/page/coreHarness.ts, as the page's own scripts are.
 */
import { build } from 'esbuild';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '../../src/chromium/findChrome.js';
import { launchBrowser } from '../../src/chromium/launchBrowser.js';

let browser: Browser;
let page: Page;
let harness: string;

/**
 * Lines 24 px apart, Latin text 10 characters a line (a monospace face, 10ch), ideographs 1 em wide: every break is
 * known. A multicol container holds five lines a column (120 px), its columns 20 px apart.
 */
const style = `<style>
  body { margin: 0; font: 16px/24px monospace; }
  .measure { width: 10ch; text-align: justify; }
  .multicol { width: 340px; column-gap: 20px; column-fill: auto; height: 120px; }
</style>`;

async function show(body: string): Promise<void> {
  await page.setContent(`<!doctype html><html><head>${style}</head><body>${body}</body></html>`);
  await page.addScriptTag({ content: harness });
}

/** Calls the harness with JSON arguments (a string is evaluated, as src/chromium/callPage.ts does). */
const call = async <T>(name: string, ...args: unknown[]): Promise<T> =>
  (await page.evaluate(`window.core.${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`)) as T;

beforeAll(async () => {
  const bundled = await build({ entryPoints: [new URL('./coreHarness.ts', import.meta.url).pathname], bundle: true, format: 'iife', write: false });
  harness = bundled.outputFiles[0].text;
  browser = await launchBrowser(findChrome());
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

interface Segment {
  text: string;
  breakAfter: string[];
  top: number;
}

describe('the measuring core in Chromium', () => {
  it('finds the lines of a text broken at a soft hyphen, the hyphen no glyph and a break after the letter before it', async () => {
    // 10 characters a line: "typesetting" (11) does not fit and breaks at its soft hyphen, after "type".
    await show('<p id="p" class="measure" style="text-align: start">abc defg type\u00adsetting is fun</p>');
    const segments = await call<Segment[]>('segments', 'p');
    const lines = [...new Set(segments.map((segment) => segment.top))].map((top) =>
      segments
        .filter((segment) => segment.top === top)
        .map((segment) => segment.text)
        .join(''),
    );
    expect(lines).toEqual(['abcdefg', 'type', 'settingis', 'fun']);
    expect(segments.flatMap((segment) => segment.breakAfter)).toEqual(['c', 'g', 'e', 'g', 's']);
  });

  it('measures what justifying would spread each line of a paragraph by', async () => {
    await show('<p id="p" class="measure" style="text-align: start">aaaa bbbb cccccc dd eeeeeeeeee f</p>');
    const { lines, stretches, em } = await call<{ lines: string[]; stretches: number[]; em: number }>('paragraph', 'p');
    expect(em).toBe(16);
    expect(lines).toEqual(['aaaabbbb', 'ccccccdd', 'eeeeeeeeee', 'f']);
    // Nine characters set on a line of ten (the space at its end is not spread): one character short; a full line none;
    // the last line is not spread.
    const character = ((await page.evaluate("document.querySelector('p').getBoundingClientRect().width")) as number) / 10;
    expect(stretches.map((stretch) => Math.round(stretch / character))).toEqual([1, 1, 0, 0]);
  });

  it.each([
    // Columns of 340, 160 and 100 px: 21, 10 and 6 ideographs a line.
    [1, 340, 21 * 3, [3], [2]],
    [2, 160, 10 * 7, [5, 2], [0, 3]],
    // 11 lines: the last column would hold one, a widow (CSS widows: 2), so the second gives it one of its own.
    [3, 100, 6 * 11, [5, 4, 2], [0, 1, 3]],
  ])('reads a %i-column container: column width, the lines of each column and how many lines each is short', async (count, width, characters, lines, short) => {
    await show(`<div id="c" class="multicol" style="columns: ${count}"><p style="margin: 0">${'字'.repeat(characters)}</p></div>`);
    const found = await call<{ count: number; width: number; gap: number; lines: number[]; short: number[] }>('columns', 'c', 24);
    expect(found).toMatchObject({ count, width, gap: 20, lines, short });
  });

  it('puts a paragraph broken over two columns in both, the second short of the foot', async () => {
    await show(`<div id="c" class="multicol" style="columns: 2"><p style="margin: 0">${'字'.repeat(70)}</p></div>`);
    const found = await call<{ lines: number[]; short: number[]; columnOfChildren: number[] }>('columns', 'c', 24);
    // 10 characters a column line (160 px): 70 characters are 7 lines, 5 in the first column and 2 in the second.
    expect(found.lines).toEqual([5, 2]);
    expect(found.short).toEqual([0, 3]);
    expect(found.columnOfChildren).toEqual([0]);
  });

  it.each([
    // 7 lines balanced above the table (4 and 3): the table ends the columns, its small text in no column (at the
    // body's 24-px pitch its line box would reach below the table's box).
    [
      'a table across the columns ends them: not counted',
      '字'.repeat(70),
      '<table style="column-span: all; width: 100%; border-collapse: collapse; font: 8px/10px monospace"><tr><td style="padding: 0">表</td></tr></table>',
      null,
    ],
    ['a column with nothing in it: not counted', '字'.repeat(20), '', null],
    ['a paragraph over two columns: the second 3 lines short', '字'.repeat(70), '', [0, 3]],
  ])('counts short columns as a typesetter does: %s', async (_, text, after, short) => {
    await show(`<div id="c" class="multicol" style="columns: 2"><p style="margin: 0">${text}</p>${after}</div>`);
    expect(await call<number[] | null>('shortLines', 'c', 24)).toEqual(short);
  });

  it('sets a paragraph a line longer when a loosened line would have to move a character with its comma (避头尾): that comma is narrowed instead', async () => {
    // Ten ideographs a line: five full lines and eight characters. Loosened by 0.02 em a character, each line moves one
    // character on, but where the one to move is followed by a comma, which may not start a line, the line would move
    // two and be spread by 2 em: every number of lines loosened meets one of the commas (31, 37, 45) so.
    const text = Array.from({ length: 58 }, (_, at) => ([31, 37, 45].includes(at) ? '，' : '字')).join('');
    await show(`<p id="p" style="width: 10em; margin: 0; text-align: justify">${text}</p>`);
    const { count, lines, stretches, adjustments } = await call<{ count: number | null; lines: string[]; stretches: number[]; adjustments: string[] }>(
      'loosen',
      'p',
    );
    expect(count).toBe(5);
    expect(lines).toHaveLength(7);
    expect(lines.join('')).toBe(text);
    expect(lines.at(-1)?.length).toBeGreaterThanOrEqual(3);
    expect(adjustments).toEqual(expect.arrayContaining(['loosen', 'halt-end']));
    // No line but the last spread by more than the loosening's limit (1.1 em, its letter spacing counted as width).
    expect(Math.max(...stretches.slice(0, -1))).toBeLessThanOrEqual(1.1);
  });

  it('gives a heading above a short column’s hole a line of space, half above and half below, and leaves one that starts its column alone', async () => {
    // Five lines a column. Column 1: a heading, a line, a heading, a line; the next paragraph's three lines would leave
    // one alone at its foot (orphans: 2) and go to column 2 whole: column 1 is a line short.
    const heading = (id: string) => `<h3 id="${id}" style="margin: 0; font: inherit; -webkit-column-break-after: avoid">${'标'.repeat(4)}</h3>`;
    const paragraph = (characters: number) => `<p style="margin: 0">${'字'.repeat(characters)}</p>`;
    await show(`<div id="c" class="multicol" style="columns: 2">${heading('top')}${paragraph(10)}${heading('middle')}${paragraph(10)}${paragraph(30)}</div>`);
    const found = await call<{ changes: number; before: number[]; after: number[] | null; spaced: string[] }>('spaceLine', 'c', 24);
    expect(found.before).toEqual([1, 2]);
    expect(found.changes).toBe(1);
    expect(found.spaced).toEqual(['middle']);
    expect(found.after).toEqual([0, 2]);
    const middle = await page.evaluate("getComputedStyle(document.getElementById('middle')).paddingTop");
    expect(middle).toBe('12px');
  });

  it('seats the benches of a filling in one host kept while it runs, and leaves none behind', async () => {
    await show('<p id="text">正文</p>');
    const facts = await call<Record<string, unknown>>('benchHosts');
    expect(facts).toEqual({
      alone: { shared: false, contained: 'layout style', hosts: 2 },
      kept: { outer: { shared: true, contained: 'strict', hosts: 1 }, nested: { shared: true, contained: 'strict', hosts: 1 } },
      whileAwaiting: { shared: true, contained: 'strict', hosts: 1 },
      left: 0,
    });
  });
});
