/**
 * npm run bench [-- --issue 2024-4 --runs 5]
 *
 * Median wall time of a full `build-issue` (browser start included) beside the lower bound of any HTML-to-PDF
 * route: Chromium's own page.pdf() of the same HTML and fonts without Paged.js, measured in the same run with the
 * runs interleaved, so machine noise hits both alike. Reports ratios, never absolute targets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findChrome } from '../src/browser/findChrome.js';
import { launchBrowser } from '../src/browser/launchBrowser.js';
import { buildIssue } from '../src/buildIssue.js';
import { embedFonts } from '../src/fonts/embedFonts.js';
import { loadFonts } from '../src/fonts/loadFonts.js';
import { loadIssue } from '../src/manifest/loadIssue.js';
import { openDocument } from '../src/paginate/paginate.js';
import { renderIssueHtml } from '../src/render/renderIssueHtml.js';

const { values } = parseArgs({ options: { issue: { type: 'string', default: '2024-4' }, runs: { type: 'string', default: '5' }, root: { type: 'string', default: '.' } } });
const root = values.root!;
const issueId = values.issue!;
const runs = Number(values.runs);
const out = mkdtempSync(join(tmpdir(), 'paiban-bench-'));
const silent = { stage() {}, progress() {}, warn() {} };

async function timePaibanBuild(): Promise<{ seconds: number; pages: number }> {
  const started = performance.now();
  const result = await buildIssue({ root, issueId, out: join(out, 'paiban.pdf'), timeoutMs: 600_000, reporter: silent });
  return { seconds: (performance.now() - started) / 1000, pages: result.pageCount };
}

/** The same work up to the browser, then Chromium prints the HTML as it is: no pagination polyfill. */
async function timePlainChromium(): Promise<number> {
  const started = performance.now();
  const browser = await launchBrowser(findChrome());
  try {
    const issue = await loadIssue(root, issueId);
    const fonts = await loadFonts(issue.fontsFile);
    const rendered = await renderIssueHtml(issue);
    const css = [...rendered.assets.values()].filter((asset) => asset.contentType === 'text/css').map((asset) => String(asset.body)).join('');
    const fontAssets = await embedFonts(fonts, rendered.html + css);
    const html = rendered.html.replace(/<script src="paged\.js"><\/script>\n?/, '');
    const { page } = await openDocument(browser, { ...rendered, html, assets: new Map([...rendered.assets, ...fontAssets]) });
    await page.evaluate(() => document.fonts.ready);
    await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0 });
  } finally {
    await browser.close();
  }
  return (performance.now() - started) / 1000;
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

const paiban: number[] = [];
const plain: number[] = [];
let pages = 0;
await timePaibanBuild(); // warm the font-subset cache and the OS file cache once, untimed
for (let run = 0; run < runs; run++) {
  const build = await timePaibanBuild();
  pages = build.pages;
  paiban.push(build.seconds);
  plain.push(await timePlainChromium());
  process.stderr.write(`run ${run + 1}/${runs}: paiban ${build.seconds.toFixed(2)} s, plain Chromium ${plain.at(-1)!.toFixed(2)} s\n`);
}
rmSync(out, { recursive: true, force: true });
const paibanMedian = median(paiban);
const plainMedian = median(plain);
console.log(`\nissue ${issueId}: ${pages} pages, ${runs} runs (medians, warm font cache)`);
console.log(`| case | median s | pages/s | ratio to plain Chromium |`);
console.log(`|---|---|---|---|`);
console.log(`| paiban build-issue | ${paibanMedian.toFixed(2)} | ${(pages / paibanMedian).toFixed(1)} | ${(paibanMedian / plainMedian).toFixed(2)} |`);
console.log(`| Chromium page.pdf(), no Paged.js | ${plainMedian.toFixed(2)} | – | 1.00 |`);
