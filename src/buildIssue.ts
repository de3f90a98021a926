/**
 * The build, as a table of contents: load issue → render HTML → paginate → finish PDF → write.
 * Each stage is a module with data in and data out; only the last step touches dist/.
 */
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { findChrome } from './browser/findChrome.js';
import { launchBrowser } from './browser/launchBrowser.js';
import { Deadline } from './Deadline.js';
import { finishCoverPdf, finishPdf } from './finish/finishPdf.js';
import { checkFontCoverage } from './fonts/checkFontCoverage.js';
import { embedFonts } from './fonts/embedFonts.js';
import { loadFonts } from './fonts/loadFonts.js';
import { loadIssue } from './manifest/loadIssue.js';
import { paginate, printDocument } from './paginate/paginate.js';
import type { Reporter } from './Reporter.js';
import { UserError } from './UserError.js';
import { renderCoverHtml } from './render/renderCoverHtml.js';
import { renderIssueHtml, type IssueDocument } from './render/renderIssueHtml.js';
import { writeOutput } from './writeOutput.js';

export interface BuildOptions {
  /** Folder holding periodical.yaml and issues/. */
  root: string;
  issueId: string;
  /** The PDF to write; default dist/<id>.pdf under root. */
  out?: string;
  /** Also write the HTML handed to the browser, beside the PDF. */
  html?: boolean;
  chrome?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  reporter: Reporter;
}

export interface BuildResult {
  pdfPath: string;
  coverPath: string;
  pageCount: number;
  /** Each article's file and the page it starts on, in issue order. */
  articles: { file: string; title: string; startPage: number }[];
  fonts: string[];
  seconds: number;
}

export async function buildIssue(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { reporter } = options;
  const deadline = new Deadline(options.timeoutMs, options.signal);
  const pdfPath = options.out ?? join(options.root, 'dist', `${options.issueId}.pdf`);
  let browserStarting: Promise<Browser> | undefined;
  try {
    // Chromium starts while the sources are read and the fonts subset: neither needs it.
    browserStarting = launchBrowser(findChrome(options.chrome));
    browserStarting.catch(() => undefined);
    const issue = await deadline.run('loading the issue', () => loadIssue(options.root, options.issueId));
    const fonts = await deadline.run('loading fonts', () => loadFonts(issue.fontsFile));
    checkFontCoverage(issue, fonts);
    reporter.stage(`loaded ${issue.sections.flatMap((section) => section.articles).length} articles in ${issue.sections.length} sections`);
    const rendered = await deadline.run('rendering HTML', () => renderIssueHtml(issue));
    const fontAssets = await deadline.run('subsetting fonts', () => embedFonts(fonts, textOf(rendered)));
    rendered.warnings.forEach(reporter.warn);
    const document: IssueDocument = { ...rendered, assets: new Map([...rendered.assets, ...fontAssets]) };
    const browser = await deadline.run('starting Chromium', () => browserStarting!);
    // A crashed or killed Chromium leaves puppeteer calls pending or failing with "Target closed": end the
    // build at once, saying what happened.
    browser.once('disconnected', () =>
      deadline.fail((phase) => new UserError('browser', `Chromium quit unexpectedly while ${phase} (crashed or killed); run again, and check free memory if it repeats`)),
    );
    reporter.stage('paginating');
    const paginated = await deadline.run('paginating', () =>
      paginate(browser, document, { onPage: (page) => reporter.progress(`paginating: page ${page}`), onWarning: reporter.warn }),
    );
    reporter.stage(`paginated ${paginated.pageCount} pages`);
    const declaredFonts = fonts.faces.map((face) => face.postscriptName);
    const finished = await deadline.run('finishing the PDF', () => finishPdf(issue, paginated, declaredFonts));
    const cover = await deadline.run('printing the cover', async () => {
      const { document: coverDocument, trim } = await renderCoverHtml(issue, finished.pageCount);
      const coverFonts = await embedFonts(fonts, textOf(coverDocument));
      const pdf = await printDocument(browser, { ...coverDocument, assets: new Map([...coverDocument.assets, ...coverFonts]) });
      return finishCoverPdf(issue, pdf, trim, declaredFonts);
    });
    // Not raced against the deadline: an interrupted write would finish in the background after "no PDF was
    // written" was said. It takes milliseconds, and writeOutput is atomic.
    if (options.html) await writeOutput(pdfPath.replace(/\.pdf$/i, '') + '.html', document.html);
    await writeOutput(pdfPath, finished.bytes);
    await writeOutput(coverPath(pdfPath), cover);
    const articles = issue.sections.flatMap((section) =>
      section.articles.map((article) => ({ file: article.displayFile, title: article.frontMatter.title, startPage: paginated.articleStartPages[article.id] })),
    );
    if (finished.blankPages > 0) {
      reporter.stage(`added ${finished.blankPages} blank page${finished.blankPages > 1 ? 's' : ''} at the end: saddle stitching needs a multiple of 4 pages`);
    }
    return { pdfPath, coverPath: coverPath(pdfPath), pageCount: finished.pageCount, articles, fonts: finished.fonts, seconds: (performance.now() - started) / 1000 };
  } finally {
    deadline.clear();
    // Also when the build failed before it needed the browser: a started Chromium must never outlive the build.
    const browser = await browserStarting?.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}

/** The cover PDF beside the interior: dist/2024-4.pdf → dist/2024-4-cover.pdf. */
function coverPath(pdfPath: string): string {
  return pdfPath.replace(/(\.pdf)?$/i, '-cover.pdf');
}

/** All text the page can show: the HTML and the stylesheets (running heads are CSS strings). */
function textOf(document: IssueDocument): string {
  const styles = [...document.assets.values()].filter((asset) => asset.contentType === 'text/css').map((asset) => String(asset.body));
  return document.html + styles.join('');
}
