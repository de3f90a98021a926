/**
 * The build, as a table of contents: load issue → render HTML → paginate → finish PDF → write.
 * Each stage is a module with data in and data out; only the last step touches dist/.
 */
import { join, relative } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { closeBrowser, launchBrowser, onBrowserCrash } from './chromium/launchBrowser.js';
import { findChrome } from './chromium/findChrome.js';
import { addFigureFindings, checkFigures } from './check/checkFigures.js';
import { checkTypography, summarizeTypography, type TypographyReport } from './check/checkTypography.js';
import { printCover } from './cover/printCover.js';
import { Deadline } from './Deadline.js';
import { finishPdf } from './finish/finishPdf.js';
import { outputPaths } from './outputPaths.js';
import { paginateIssue } from './paginate/paginateIssue.js';
import { prepareIssue } from './prepareIssue.js';
import { pressPdf } from './press/pressPdf.js';
import { prepareProof, type ProofRequest } from './proof/prepareProof.js';
import { printProof } from './proof/printProof.js';
import type { Reporter } from './Reporter.js';
import { UserError } from './UserError.js';
import { writeOutput } from './writeOutput.js';

export interface BuildOptions {
  /** Folder holding periodical.yaml and issues/. */
  root: string;
  issueId: string;
  /** The PDF to write; default dist/<id>.pdf under root. The cover, proof and reports go beside it. */
  out?: string;
  /** Also write the HTML handed to the browser, beside the PDF. */
  html?: boolean;
  /** Also write the proof PDF and the proof report. */
  proof?: ProofRequest;
  /** Fail (writing no PDF) on any typography finding. */
  strict?: boolean;
  /** Also write the press PDFs (PDF/X-1a:2001) of the interior and the cover. */
  press?: boolean;
  chrome?: string;
  /** Runs of articles paginated at once (paginateInParallel); 1 (the default) paginates the issue as a whole. */
  jobs?: number;
  timeoutMs: number;
  signal?: AbortSignal;
  reporter: Reporter;
}

export interface BuildResult {
  /** Every file written, the interior PDF first. */
  written: string[];
  pageCount: number;
  /** Each article's file and the page it starts on, in issue order. */
  articles: { file: string; title: string; startPage: number }[];
  fonts: string[];
  typography: TypographyReport;
  seconds: number;
}

/**
 * What a build laid out, written beside its PDF (dist/<id>.layout.json) by every build, the CLI's and the desk's:
 * the desk's plan reads its page numbers from it, so that they always describe the PDF that is there.
 */
export interface BuiltLayout {
  /** When the PDF was written (ISO 8601). */
  builtAt: string;
  pageCount: number;
  /** Each article's file (as issue.yaml lists it, from the issue's folder) and the page it starts on, in issue order. */
  articles: { file: string; startPage: number }[];
}

export async function buildIssue(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { reporter } = options;
  const deadline = new Deadline(options.timeoutMs, options.signal);
  const paths = outputPaths(options);
  let browserStarting: Promise<Browser> | undefined;
  try {
    // Chromium starts while the sources are read and the fonts subset: neither needs it.
    browserStarting = launchBrowser(findChrome(options.chrome));
    browserStarting.catch(() => undefined);

    // 1–2. Load the issue (sources, fonts, every character in the face that draws it) and render the HTML.
    const { issue, fonts, declaredFonts, document } = await prepareIssue({ root: options.root, issueId: options.issueId, warn: reporter.warn, deadline });
    reporter.stage(`loaded ${issue.sections.flatMap((section) => section.articles).length} articles in ${issue.sections.length} sections`);
    const proof = options.proof && (await deadline.run('reading the revisions', () => prepareProof(issue, options.proof!)));

    // 3. Paginate: Paged.js in Chromium, the typography check on the laid-out pages, the print (and proof) PDF.
    const browser = await deadline.run('starting Chromium', () => browserStarting!);
    onBrowserCrash(browser, (describe) => deadline.fail(describe));
    // The cover needs the page count only for a perfect-bound spine; otherwise it prints while Paged.js works.
    const coverPrinting = issue.periodical.binding.style === 'perfect' ? undefined : printCover(browser, issue, fonts, 0, declaredFonts);
    coverPrinting?.catch(() => undefined);
    reporter.stage('paginating');
    const paginated = await deadline.run('paginating', () =>
      paginateIssue(browser, issue, document, options.jobs ?? 1, {
        onPage: (page) => reporter.progress(`paginating: page ${page}`),
        onWarning: reporter.warn,
        onStage: reporter.stage,
        inspect: async (page) => {
          const typography = await checkTypography(page, fonts, issue.periodical.checks.off);
          const figures = await checkFigures(page);
          figures.warnings.forEach(reporter.warn);
          return addFigureFindings(typography, figures, issue.periodical.checks.off);
        },
        afterPrint: proof && ((page) => printProof(page, proof)),
      }),
    );
    const typography = paginated.inspection;
    const typographyJson = `${JSON.stringify(typography, null, 2)}\n`;
    reporter.stage(`paginated ${paginated.pageCount} pages; typography check: ${summarizeTypography(typography)} (${paths.check})`);
    if (options.strict && typography.findings.length > 0) {
      await writeOutput(paths.check, typographyJson); // the findings are what the user needs now
      throw new UserError(
        'check',
        `--strict: ${typography.findings.length} typography finding${typography.findings.length > 1 ? 's' : ''}; see ${paths.check}; no PDF was written`,
      );
    }

    // 4. Finish the PDFs: interior, cover, and on request the press versions and the proof with its report.
    const interior = await deadline.run('finishing the PDF', () => finishPdf(issue, paginated, declaredFonts));
    if (interior.blankPages > 0) {
      reporter.stage(`added ${interior.blankPages} blank page${interior.blankPages > 1 ? 's' : ''} at the end: saddle stitching needs a multiple of 4 pages`);
    }
    const cover = await deadline.run('printing the cover', () => coverPrinting ?? printCover(browser, issue, fonts, interior.pageCount, declaredFonts));
    const articles = issue.sections.flatMap((section) => section.articles);
    const layout: BuiltLayout = {
      builtAt: new Date().toISOString(),
      pageCount: interior.pageCount,
      articles: articles.map((article) => ({
        file: relative(join(options.root, 'issues', options.issueId), article.file),
        startPage: paginated.articleStartPages[article.id],
      })),
    };
    const outputs: [string, Uint8Array | string][] = [
      [paths.pdf, interior.bytes],
      [paths.cover, cover],
      [paths.check, typographyJson],
      [paths.layout, `${JSON.stringify(layout, null, 2)}\n`],
    ];
    if (options.html) outputs.push([paths.html, document.html]);
    if (options.press) {
      const [pressInterior, pressCover] = await deadline.run('converting to PDF/X-1a', () =>
        Promise.all([pressPdf(issue, interior.bytes, '', deadline.signal), pressPdf(issue, cover, '封面', deadline.signal)]),
      );
      outputs.push([paths.press, pressInterior], [paths.coverPress, pressCover]);
    }
    if (proof && paginated.extra) {
      // Loaded on demand: the proof's text checks (zhlint, OpenCC) take ~0.2 s to import, which a plain build skips.
      const { finishProof } = await import('./proof/finishProof.js');
      const finished = await deadline.run('finishing the proof', () => finishProof(issue, paginated.extra!, typography, proof, declaredFonts));
      outputs.push([paths.proof, finished.pdf], [paths.proofReportHtml, finished.reportHtml], [paths.proofReportJson, finished.reportJson]);
    }

    // 5. Write. Not raced against the deadline: an interrupted write would finish in the background after "no
    // PDF was written" was said. Writing takes milliseconds, and each write is atomic.
    for (const [path, bytes] of outputs) await writeOutput(path, bytes);
    return {
      written: outputs.map(([path]) => path),
      pageCount: interior.pageCount,
      articles: articles.map((article) => ({
        file: article.displayFile,
        title: article.frontMatter.title,
        startPage: paginated.articleStartPages[article.id],
      })),
      fonts: interior.fonts,
      typography,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    deadline.clear();
    // Also when the build failed before it needed the browser: a started Chromium must never outlive the build.
    const browser = await browserStarting?.catch(() => undefined);
    if (browser) await closeBrowser(browser);
  }
}
