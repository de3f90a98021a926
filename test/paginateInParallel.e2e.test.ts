/**
 * Parallel pagination (build-issue --jobs N) against a whole pagination, on real Chromium: the stitched issue must
 * be the same PDF, page by page — text (pdftotext), page count, and the pages rendered at 30 dpi (which shows each
 * page's side: the margins and running heads of left and right pages differ) — also when the guess of the sides was
 * wrong and runs were paginated again.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { run } from '../src/cli/buildIssueCli.js';
import { finishPdf } from '../src/finish/finishPdf.js';
import type { Issue } from '../src/manifest/loadIssue.js';
import { paginate, type PaginatedIssue } from '../src/paginate/paginate.js';
import { paginateInParallel } from '../src/paginate/paginateInParallel.js';
import { planRuns } from '../src/paginate/planRuns.js';
import { prepareIssue } from '../src/prepareIssue.js';
import { launchTestBrowser } from './helpers/makeTestPdf.js';
import { pageTexts, renderPages } from './helpers/pdfTools.js';
import { makeTempProject } from './helpers/tempProject.js';

const repository = join(import.meta.dirname, '..');
// The line adjustment is on (the default), as in every build: a run paginated again in its tab (the wrong side)
// must be adjusted as in the whole pagination, although Paged.js has taken the document's stylesheets out by then.
const root = makeTempProject();
const work = mkdtempSync(join(tmpdir(), 'paiban-parallel-'));
// An empty cache of page counts: the first guesses are estimates.
process.env.PAIBAN_CACHE_DIR = join(work, 'cache');
let browser: Browser;
beforeAll(async () => {
  browser = await launchTestBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** Two PDFs are the same issue: same page count, and every page the same text and the same rendering. */
function expectSamePages(parallel: Uint8Array, serial: Uint8Array): void {
  const [a, b] = [parallel, serial].map((bytes, index) => {
    const path = join(work, `${index}-${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(path, bytes);
    return { texts: pageTexts(path), images: renderPages(path) };
  });
  expect(a.texts.length).toBeGreaterThan(1);
  expect(a.texts).toEqual(b.texts);
  expect(a.images.length).toBe(b.images.length);
  for (const [index, image] of a.images.entries()) expect(image.equals(b.images[index]), `page ${index + 1} rendered differently`).toBe(true);
}

/**
 * Chromium's own PDF carries the time it was printed (CreationDate): two prints are compared byte for byte once
 * finished, as the build writes them (the dates then come from the manifest).
 */
async function expectSameFinishedPdf(issue: Issue, fonts: string[], parallel: PaginatedIssue, serial: PaginatedIssue): Promise<void> {
  const [a, b] = await Promise.all([finishPdf(issue, parallel, fonts), finishPdf(issue, serial, fonts)]);
  expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
}

async function build(jobs: number): Promise<Buffer> {
  const out = join(work, `jobs-${jobs}`, 'mini.pdf');
  const io = { stdout: { write: () => true }, stderr: { write: () => true } };
  expect(await run(['mini', '--root', root, '--jobs', String(jobs), '-o', out], io)).toBe(0);
  return readFileSync(out);
}

it('build-issue --jobs 3 writes the PDF --jobs 1 writes: the same bytes, page by page the same text and pixels', async () => {
  const serial = await build(1);
  const parallel = await build(3);
  expectSamePages(parallel, serial);
  // Chromium's PDF is a function of what it draws: the stitched pages draw exactly what the whole pagination does.
  expect(parallel.equals(serial)).toBe(true);
}, 300_000);

it('runs guessed to start on the wrong side are paginated again, and the issue is the whole pagination', async () => {
  const { issue, document, declaredFonts } = await prepareIssue({ root, issueId: 'mini', warn: () => undefined });
  const serial = await paginate(browser, document);
  const plan = await planRuns(issue, 4);
  // One front page more than there are: every run but the first is guessed to start on the other side.
  const wrong = await paginateInParallel(browser, document, { ...plan, front: { ...plan.front, pages: plan.front.pages + 1 } });
  expect(wrong.repaginatedRuns).toBeGreaterThan(0);
  expect(wrong.articleStartPages).toEqual(serial.articleStartPages);
  expectSamePages(wrong.pdf, serial.pdf);
  await expectSameFinishedPdf(issue, declaredFonts, wrong, serial);
}, 300_000);

it('issue 2024-4 paginated in 4 runs is its whole pagination, page by page', async () => {
  const project = join(work, '2024-4');
  cpSync(join(repository, 'issues', '2024-4'), join(project, 'issues', '2024-4'), { recursive: true });
  const settings = readFileSync(join(repository, 'periodical.yaml'), 'utf8');
  writeFileSync(
    join(project, 'periodical.yaml'),
    `${settings}\nfonts: ${join(repository, 'fonts', 'fonts.yaml')}\ntemplates: ${join(repository, 'templates')}\n`,
  );
  const { issue, document, declaredFonts } = await prepareIssue({ root: project, issueId: '2024-4', warn: () => undefined });
  const serial = await paginate(browser, document);
  const parallel = await paginateInParallel(browser, document, await planRuns(issue, 4));
  expect(parallel.pageCount).toBe(serial.pageCount);
  expect(parallel.articleStartPages).toEqual(serial.articleStartPages);
  expectSamePages(parallel.pdf, serial.pdf);
  await expectSameFinishedPdf(issue, declaredFonts, parallel, serial);
}, 600_000);
