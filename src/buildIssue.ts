/**
 * The build, as a table of contents: load issue → render HTML → paginate → finish PDF → write.
 * Each stage is a module with data in and data out; only the last step touches dist/.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { findChrome } from './browser/findChrome.js';
import { closeBrowser, launchBrowser } from './browser/launchBrowser.js';
import { Deadline } from './Deadline.js';
import { finishPartPdf, finishPdf } from './finish/finishPdf.js';
import { documentTitle } from './finish/setDocumentInfo.js';
import { checkFontCoverage } from './fonts/checkFontCoverage.js';
import { embedFonts } from './fonts/embedFonts.js';
import { loadFonts, type FontSet } from './fonts/loadFonts.js';
import { loadIssue, type Issue } from './manifest/loadIssue.js';
import { paginate, printDocument } from './paginate/paginate.js';
import { convertToPdfX } from './press/convertToPdfX.js';
import { themeColours } from './press/themeColours.js';
import { checkTypography, type TypographyReport } from './check/checkTypography.js';
import { buildProofReport, locateTypographyFindings } from './proof/buildProofReport.js';
import { findChangedLines } from './proof/findChangedLines.js';
import { printProof, type PrintedProof, type ProofOptions } from './proof/printProof.js';
import { readRevision } from './proof/readRevision.js';
import { renderProofReportHtml } from './proof/renderProofReportHtml.js';
import type { Reporter } from './Reporter.js';
import { renderCoverHtml } from './render/renderCoverHtml.js';
import { renderDocument, textOf } from './render/renderDocument.js';
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
  proof?: { round: number; since?: string };
  /** Fail (writing no PDF) on any typography finding. */
  strict?: boolean;
  /** Also write the press PDFs (PDF/X-1a:2001) of the interior and the cover. */
  press?: boolean;
  chrome?: string;
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

export async function buildIssue(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { reporter } = options;
  const deadline = new Deadline(options.timeoutMs, options.signal);
  const paths = outputPaths(options.out ?? join(options.root, 'dist', `${options.issueId}.pdf`));
  let browserStarting: Promise<Browser> | undefined;
  try {
    // Chromium starts while the sources are read and the fonts subset: neither needs it.
    browserStarting = launchBrowser(findChrome(options.chrome));
    browserStarting.catch(() => undefined);
    const issue = await deadline.run('loading the issue', () => loadIssue(options.root, options.issueId));
    const fonts = await deadline.run('loading fonts', () => loadFonts(issue.fontsFile));
    checkFontCoverage(issue, fonts);
    reporter.stage(`loaded ${issue.sections.flatMap((section) => section.articles).length} articles in ${issue.sections.length} sections`);
    const document = await deadline.run('rendering HTML', () => renderDocument(issue, fonts, reporter.warn));
    const proof = options.proof && (await prepareProof(issue, options.proof));
    const browser = await deadline.run('starting Chromium', () => browserStarting!);
    // A crashed or killed Chromium leaves puppeteer calls pending or failing with "Target closed": end the
    // build at once, saying what happened.
    browser.once('disconnected', () =>
      deadline.fail((phase) => new UserError('browser', `Chromium quit unexpectedly while ${phase} (crashed or killed); run again, and check free memory if it repeats`)),
    );
    reporter.stage('paginating');
    const paginated = await deadline.run('paginating', () =>
      paginate(browser, document, {
        onPage: (page) => reporter.progress(`paginating: page ${page}`),
        onWarning: reporter.warn,
        inspect: (page) => checkTypography(page, fonts),
        afterPrint: proof && ((page) => printProof(page, proof)),
      }),
    );
    reporter.stage(`paginated ${paginated.pageCount} pages`);
    const typography = paginated.inspection;
    const typographyJson = `${JSON.stringify(typography, null, 2)}\n`;
    reporter.stage(`typography check: ${summarizeFindings(typography)} (${paths.check})`);
    if (options.strict && typography.findings.length > 0) {
      await writeOutput(paths.check, typographyJson); // the findings are what the user needs now
      throw new UserError('check', `--strict: ${typography.findings.length} typography finding${typography.findings.length > 1 ? 's' : ''}; see ${paths.check}; no PDF was written`);
    }
    const declaredFonts = fonts.faces.map((face) => face.postscriptName);
    const interior = await deadline.run('finishing the PDF', () => finishPdf(issue, paginated, declaredFonts));
    if (interior.blankPages > 0) {
      reporter.stage(`added ${interior.blankPages} blank page${interior.blankPages > 1 ? 's' : ''} at the end: saddle stitching needs a multiple of 4 pages`);
    }
    const cover = await deadline.run('printing the cover', () => printCover(browser, issue, fonts, interior.pageCount, declaredFonts));
    const outputs: [string, Uint8Array | string][] = [
      [paths.pdf, interior.bytes],
      [paths.cover, cover],
      [paths.check, typographyJson],
      ...(options.html ? [[paths.html, document.html] as [string, string]] : []),
    ];
    if (options.press) {
      const [pressInterior, pressCover] = await deadline.run('converting to PDF/X-1a', () =>
        Promise.all([pressPdf(issue, interior.bytes, '', deadline.signal), pressPdf(issue, cover, '封面', deadline.signal)]),
      );
      outputs.push([paths.press, pressInterior], [paths.coverPress, pressCover]);
    }
    if (proof && paginated.extra) {
      outputs.push(...(await deadline.run('finishing the proof', () => finishProof(issue, paginated.extra!, typography, proof, declaredFonts, paths))));
    }
    // Not raced against the deadline: an interrupted write would finish in the background after "no PDF was
    // written" was said. Writing takes milliseconds, and each write is atomic.
    for (const [path, bytes] of outputs) await writeOutput(path, bytes);
    return {
      written: outputs.map(([path]) => path),
      pageCount: interior.pageCount,
      articles: issue.sections.flatMap((section) =>
        section.articles.map((article) => ({ file: article.displayFile, title: article.frontMatter.title, startPage: paginated.articleStartPages[article.id] })),
      ),
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

async function printCover(browser: Browser, issue: Issue, fonts: FontSet, interiorPages: number, declaredFonts: string[]): Promise<Uint8Array> {
  const { document, trim } = await renderCoverHtml(issue, interiorPages);
  const fontAssets = await embedFonts(fonts, textOf(document));
  const pdf = await printDocument(browser, { ...document, assets: new Map([...document.assets, ...fontAssets]) });
  return finishPartPdf(issue, pdf, declaredFonts, '封面', trim);
}

/** The PDF/X-1a:2001 version of a finished PDF, converted by Ghostscript in a temporary folder. */
async function pressPdf(issue: Issue, pdf: Uint8Array, part: string, signal: AbortSignal): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tmpdir(), 'paiban-press-'));
  try {
    await writeFile(join(folder, 'in.pdf'), pdf);
    await convertToPdfX(join(folder, 'in.pdf'), join(folder, 'out.pdf'), {
      title: documentTitle(issue, part),
      iccProfile: issue.periodical.press.iccProfile,
      outputCondition: issue.periodical.press.outputCondition,
      spotColours: themeColours(issue.periodical.colours),
      date: new Date(`${issue.manifest.date}T00:00:00Z`),
      signal,
    });
    return await readFile(join(folder, 'out.pdf'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

type PreparedProof = ProofOptions & { changes: Awaited<ReturnType<typeof findChangedLines>> };

async function prepareProof(issue: Issue, request: NonNullable<BuildOptions['proof']>): Promise<PreparedProof> {
  const articles = issue.sections.flatMap((section) => section.articles);
  const changes = request.since ? await findChangedLines(issue.root, request.since, articles.map((article) => article.file)) : [];
  const changed = new Set(changes.map((change) => `${articles.find((article) => article.file === change.file)?.displayFile}:${change.line}`));
  return {
    round: request.round,
    lineStep: issue.periodical.proof.lineStep,
    revision: await readRevision(issue.root),
    builtAt: new Date(),
    selectChanged: (lines) => lines.filter((line) => line.parts.some((part) => changed.has(`${part.file}:${part.line}`))),
    changes,
  };
}

async function finishProof(
  issue: Issue,
  printed: PrintedProof,
  typography: TypographyReport,
  proof: PreparedProof,
  declaredFonts: string[],
  paths: ReturnType<typeof outputPaths>,
): Promise<[string, Uint8Array | string][]> {
  const findings = locateTypographyFindings(typography.findings, printed.lines);
  const report = buildProofReport(issue, printed.lines, printed.slug, { findings, changes: proof.changes });
  return [
    [paths.proof, await finishPartPdf(issue, printed.pdf, declaredFonts, `校样 第${proof.round}校`)],
    [paths.proofReportHtml, renderProofReportHtml(report)],
    [paths.proofReportJson, `${JSON.stringify(report, null, 2)}\n`],
  ];
}

/** dist/2024-4.pdf → dist/2024-4-cover.pdf, dist/2024-4-proof.pdf, … */
export function outputPaths(pdf: string) {
  const base = pdf.replace(/\.pdf$/i, '');
  return {
    pdf,
    cover: `${base}-cover.pdf`,
    html: `${base}.html`,
    proof: `${base}-proof.pdf`,
    proofReportHtml: `${base}-proof-report.html`,
    proofReportJson: `${base}-proof-report.json`,
    check: `${base}.check.json`,
    press: `${base}-press.pdf`,
    coverPress: `${base}-cover-press.pdf`,
  };
}

/** "56 loose-line, 4 lone-character" or "no findings". */
function summarizeFindings(report: TypographyReport): string {
  const counts = Object.entries(report.counts)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([rule, count]) => `${count} ${rule}`);
  return counts.length > 0 ? counts.join(', ') : 'no findings';
}
