/**
 * npx tsx scripts/measureGrid.ts <issue.pdf> [--pitch 18.375] [--pages]: how many body lines of a built issue are off
 * the line grid, read from the PDF alone (poppler's word boxes, as a reader or the printer would see them), by page
 * kind: opening pages (an article title on them) and the others. Issue 26 measures its before and after with it.
 *
 * A body line is a row of body-size words (10.5 pt: poppler's boxes are 1.437 em tall for these faces) in one column
 * (left or right of the page's middle). The grid's phase is the most common foot of a column across the issue; a
 * line is on the grid when it is a whole number of pitches above that foot, within 1 pt (Chromium snaps baselines
 * to whole pixels, so the pitch alternates 18.75/18.0 pt: ../shared/handbook/typography.md §10). A column that ends
 * above the foot line on a page whose article goes on overleaf (the next page is no opening page) is counted as a
 * column missing the foot. A line half a line off is counted apart: a heading centred in its two lines of space
 * (标题占行) sits there on purpose, in the heading face at body size.
 */
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const pdf = args.find((arg) => !arg.startsWith('--') && !/^\d/.test(arg));
if (!pdf) {
  console.error('usage: npx tsx scripts/measureGrid.ts <issue.pdf> [--pitch 18.375] [--pages]');
  process.exit(2);
}
const pitchIndex = args.indexOf('--pitch');
const pitch = pitchIndex >= 0 ? Number(args[pitchIndex + 1]) : 18.375;
const tolerance = 1;
const bodySize = 10.5;
const titleSize = 18;

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMax: number;
  size: number;
}

/** Every page's words, with their size from the box height. */
function readPages(file: string): Array<{ width: number; words: Word[] }> {
  const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return xml
    .split('<page ')
    .slice(1)
    .map((chunk) => {
      const width = Number(/width="([\d.]+)"/.exec(chunk)?.[1]);
      const words = [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => {
        const [xMin, yMin, xMax, yMax] = match.slice(1, 5).map(Number);
        return { text: match[5], xMin, xMax, yMax, size: (yMax - yMin) / 1.437 };
      });
      return { width, words };
    });
}

/** A page's body lines per column (0 left, 1 right): the distinct bottoms of body-size words, top to bottom. */
function bodyLines(page: { width: number; words: Word[] }): number[][] {
  const columns: number[][] = [[], []];
  for (const word of page.words) {
    // A quote mark drawn by another face (LXGW WenKai's quotes are mapped to the song face) has a box of that face's
    // height: poppler reads it as a word a point or two off its line.
    if (Math.abs(word.size - bodySize) > 0.3 || /^[“”‘’]$/.test(word.text)) continue;
    const column = columns[(word.xMin + word.xMax) / 2 < page.width / 2 ? 0 : 1];
    if (!column.some((bottom) => Math.abs(bottom - word.yMax) < 2)) column.push(word.yMax);
  }
  return columns.map((column) => column.sort((a, b) => a - b));
}

const pages = readPages(pdf).map((page, index) => ({
  number: index + 1,
  opening: page.words.some((word) => Math.abs(word.size - titleSize) < 0.5),
  columns: bodyLines(page),
}));
const firstOpening = pages.findIndex((page) => page.opening);
const articlePages = pages.slice(firstOpening).filter((page) => page.columns.some((column) => column.length > 0));

// The grid's phase: the most common column foot, to the quarter point.
const feet = new Map<number, number>();
for (const page of articlePages) {
  for (const column of page.columns) {
    const foot = column.at(-1);
    if (foot !== undefined) feet.set(Math.round(foot * 4) / 4, (feet.get(Math.round(foot * 4) / 4) ?? 0) + 1);
  }
}
const foot = [...feet.entries()].sort((a, b) => b[1] - a[1])[0][0];
/** How far a line is off its nearest grid line, in points (signed: positive is above it). */
const offset = (bottom: number) => {
  const lines = (foot - bottom) / pitch;
  return (lines - Math.round(lines)) * pitch;
};

type Tally = { pages: number; lines: number; off: number; halfOff: number; pagesOff: number; columnsShort: number; worst: number };
const tally = (): Tally => ({ pages: 0, lines: 0, off: 0, halfOff: 0, pagesOff: 0, columnsShort: 0, worst: 0 });
const kinds = { opening: tally(), other: tally() };
const listing: string[] = [];
articlePages.forEach((page) => {
  const kind = kinds[page.opening ? 'opening' : 'other'];
  const next = pages[page.number];
  const goesOn = next !== undefined && !next.opening && next.columns.some((column) => column.length > 0);
  const lines = page.columns.flat();
  const off = lines.filter((bottom) => Math.abs(offset(bottom)) > tolerance);
  const short = page.columns.filter((column) => column.length > 0 && foot - (column.at(-1) as number) > pitch - tolerance);
  kind.pages++;
  kind.lines += lines.length;
  kind.off += off.length;
  kind.halfOff += off.filter((bottom) => Math.abs(Math.abs(offset(bottom)) - pitch / 2) <= tolerance).length;
  kind.pagesOff += off.length > 0 ? 1 : 0;
  kind.columnsShort += goesOn ? short.length : 0;
  kind.worst = Math.max(kind.worst, ...lines.map((bottom) => Math.abs(offset(bottom))));
  if (off.length > 0 || (goesOn && short.length > 0)) {
    const ends = page.columns.map((column) => (column.length ? ((foot - (column.at(-1) as number)) / pitch).toFixed(2) : '-'));
    listing.push(
      `p${page.number}${page.opening ? ' (opening)' : ''}: ${off.length}/${lines.length} off (e.g. ${off.length ? offset(off[0]).toFixed(2) : '0'} pt), columns end ${ends.join(' / ')} lines above the foot${goesOn ? '' : ' (article ends)'}`,
    );
  }
});

console.log(`${pdf}: pitch ${pitch} pt, foot line at ${foot} pt from the top, tolerance ${tolerance} pt`);
console.log(
  '| pages | count | body-size lines | off the grid | of them half a line off | pages with a line off | columns above the foot (article goes on) | worst offset pt |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, kind] of Object.entries(kinds)) {
  console.log(
    `| ${name} | ${kind.pages} | ${kind.lines} | ${kind.off} | ${kind.halfOff} | ${kind.pagesOff} | ${kind.columnsShort} | ${kind.worst.toFixed(2)} |`,
  );
}
if (args.includes('--pages')) console.log(listing.join('\n'));
