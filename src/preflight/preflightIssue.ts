/**
 * `build-issue <id> --preflight`: the issue's press PDFs checked the way a print shop does, built first when
 * missing or older than any source. Returns one report per file (interior, cover).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { buildIssue, type BuildOptions } from '../buildIssue.js';
import { outputPaths } from '../outputPaths.js';
import { issueFolderInputs } from '../prepareIssue.js';
import { loadFonts } from '../fonts/loadFonts.js';
import { loadIssue, type Issue } from '../manifest/loadIssue.js';
import { coverTrim } from '../render/renderCoverHtml.js';
import { runPreflight, type PreflightExpectations, type PreflightReport } from './runPreflight.js';

export async function preflightIssue(build: BuildOptions): Promise<PreflightReport[]> {
  const paths = outputPaths(build);
  const issue = await loadIssue(build.root, build.issueId);
  if (await isOutdated([paths.press, paths.coverPress], issue)) {
    build.reporter.stage('the press PDFs are missing or older than the sources: building them');
    await buildIssue({ ...build, press: true });
  }
  const fonts = await loadFonts(issue.fontsFile);
  const { page, binding, colours } = issue.periodical;
  const common: Omit<PreflightExpectations, 'trimMm'> = {
    bleedMm: page.bleed,
    minImagePpi: 300,
    inkLimit: issue.periodical.press.inkLimit,
    requirePdfX: true,
    declaredFonts: fonts.faces.map((face) => face.postscriptName),
    declaredColours: Object.values(colours),
    off: issue.periodical.checks.off,
  };
  const interiorPages = (await PDFDocument.load(await readFile(paths.press), { updateMetadata: false })).getPageCount();
  return [
    await runPreflight(paths.press, {
      ...common,
      trimMm: { width: page.width, height: page.height },
      pageMultiple: binding.style === 'saddle-stitch' ? 4 : undefined,
    }),
    await runPreflight(paths.coverPress, { ...common, trimMm: coverTrim(issue, interiorPages) }),
  ];
}

/** A file is outdated when missing or older than any source: the issue folder, periodical.yaml, templates, fonts.yaml. */
async function isOutdated(files: string[], issue: Issue): Promise<boolean> {
  const built = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (info) => info.mtimeMs,
        () => 0,
      ),
    ),
  );
  const sources = [...issueFolderInputs(issue.root, issue.id), issue.templatesDir, dirname(issue.fontsFile)];
  const newest = Math.max(...(await Promise.all(sources.map(newestModification))));
  return built.some((time) => time === 0 || time < newest);
}

async function newestModification(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  return Math.max(info.mtimeMs, ...(await Promise.all(entries.map((entry) => newestModification(join(path, entry))))));
}
