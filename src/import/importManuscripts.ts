/**
 * `import-manuscript`: Word manuscripts → articles of an issue. Every manuscript is read, checked and converted
 * before anything is written; then the pictures, the articles, issue.yaml and the report are written, each
 * atomically. On any error nothing is written (files written before a failed write are removed again), and
 * issue.yaml is untouched.
 */
import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { displayPath } from '../manifest/displayPath.js';
import type { Reporter } from '../Reporter.js';
import { combineUserErrors, UserError } from '../UserError.js';
import { loadFonts, type FontSet } from '../fonts/loadFonts.js';
import { parseYamlWithSchema } from '../manifest/parseYamlWithSchema.js';
import { periodicalSchema } from '../manifest/schemas.js';
import { checkArticleForBuild } from './checkArticleForBuild.js';
import { writeOutput } from '../writeOutput.js';
import { addToManifest } from './addToManifest.js';
import { buildImportReport, summariseImport, type ImportReport } from './buildImportReport.js';
import { convertManuscript, type ConvertedManuscript } from './convertManuscript.js';
import { nameArticle } from './nameArticle.js';

export interface ImportOptions {
  root: string;
  issueId: string;
  /** Manuscript paths, relative to `cwd`. */
  files: string[];
  section: string;
  acceptChanges: boolean;
  cwd: string;
  reporter: Reporter;
  /** Dates a new issue's manifest (a placeholder the editor replaces). */
  today?: Date;
  /** Also print the converter's notes on Word internals (always in the report). */
  debug?: boolean;
}

export interface ImportResult {
  report: ImportReport;
  /** Every file written, as shown in messages; the report among them. */
  written: string[];
  reportFile: string;
}

export async function importManuscripts(options: ImportOptions): Promise<ImportResult> {
  const { root, issueId, reporter } = options;
  const issueDir = join(root, 'issues', issueId);
  const manifestFile = join(issueDir, 'issue.yaml');
  const manifestText = await readOptional(manifestFile);
  const existing = await listExistingFiles(issueDir);
  const existingArticles = [...existing].filter((file) => file.endsWith('.md'));
  let nextNumber = Math.max(0, ...existingArticles.map((file) => Number(/^(\d+)-/.exec(file)?.[1] ?? 0))) + 1;
  const takenNames = new Map(existingArticles.map((file) => [file.replace(/^\d+-/, '').replace(/\.md$/, ''), file]));

  const manuscripts: (ConvertedManuscript & { article: string })[] = [];
  for (const file of options.files) {
    reporter.stage(`reading ${file}`);
    const bytes = await readManuscript(resolve(options.cwd, file), file);
    const converted = await convertManuscript(file, bytes, {
      acceptChanges: options.acceptChanges,
      nameArticle: (frontMatter) => {
        const name = nameArticle(basename(file, extname(file)), frontMatter.title.value);
        const holder = takenNames.get(name);
        if (holder) {
          throw new UserError(
            'input',
            `${file}: the issue already has an article named "${name}" (${holder}); remove it from issues/${issueId}/ and issue.yaml to import it again, or rename the manuscript`,
          );
        }
        const numbered = `${String(nextNumber++).padStart(2, '0')}-${name}`;
        takenNames.set(name, `${numbered}.md (${file})`);
        return numbered;
      },
    });
    manuscripts.push({ ...converted, article: `${converted.name}.md` });
  }

  // The build's checks, before anything is written: every problem of every manuscript at once.
  const fonts = await loadDeclaredFonts(root, reporter);
  const problems = manuscripts.flatMap((manuscript) => checkArticleForBuild(manuscript, `issues/${issueId}/${manuscript.article}`, fonts));
  if (problems.length > 0) throw combineUserErrors(problems, 'the import (nothing was written)');

  const manifest = addToManifest(
    { text: manifestText, file: displayPath(manifestFile) },
    issueId,
    options.section,
    manuscripts.map((manuscript) => manuscript.article),
    options.today ?? new Date(),
  );
  const files = manuscripts.flatMap((manuscript) => [
    ...manuscript.images.map((image) => ({ path: join(issueDir, image.name), bytes: image.bytes as Uint8Array | string })),
    { path: join(issueDir, manuscript.article), bytes: manuscript.text },
  ]);
  for (const { path } of files) {
    if (existing.has(basename(path)))
      throw new UserError('input', `${displayPath(path)} already exists; move it away or rename the manuscript, then import again`);
  }
  const report = buildImportReport(issueId, options.section, displayPath(manifestFile), manuscripts);
  const reportFile = join(root, 'dist', `${issueId}-import.json`);
  // issue.yaml last: once it names the articles, they are all there.
  const reportOutput = { path: reportFile, bytes: `${JSON.stringify(report, null, 2)}\n` };
  const written = await writeAll([...files, reportOutput, { path: manifestFile, bytes: manifest }], manifestText === undefined ? issueDir : undefined);
  for (const line of summariseImport(report, { debug: options.debug })) reporter.stage(line);
  return { report, written: written.map(displayPath), reportFile: displayPath(reportFile) };
}

/** The faces the build will draw with (periodical.yaml's font declaration); without periodical.yaml, none to check. */
async function loadDeclaredFonts(root: string, reporter: Reporter): Promise<FontSet | undefined> {
  const periodicalFile = join(root, 'periodical.yaml');
  const text = await readOptional(periodicalFile);
  if (text === undefined) {
    reporter.warn(`${displayPath(periodicalFile)} not found: the characters were not checked against the fonts; build-issue will`);
    return undefined;
  }
  const periodical = parseYamlWithSchema({ text, file: displayPath(periodicalFile) }, periodicalSchema);
  return loadFonts(resolve(root, periodical.fonts));
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function listExistingFiles(dir: string): Promise<Set<string>> {
  try {
    return new Set(await readdir(dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
}

async function readManuscript(path: string, file: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('input', `${file}: manuscript not found; check the file name`);
    if (code === 'EISDIR') throw new UserError('input', `${file}: is a folder; name the .docx files themselves`);
    throw new UserError('input', `${file}: cannot read the manuscript (${code}); check its permissions`, { cause: error });
  }
}

/**
 * Writes every file (each atomically); if one fails, the ones written before it (all new files) are removed
 * again, and a new issue's folder with them, so a failed import leaves the issue as it was.
 */
async function writeAll(files: { path: string; bytes: Uint8Array | string }[], newIssueDir: string | undefined): Promise<string[]> {
  const written: string[] = [];
  try {
    for (const file of files) {
      await writeOutput(file.path, file.bytes);
      written.push(file.path);
    }
  } catch (error) {
    await Promise.all(written.map((path) => rm(path, { force: true })));
    if (newIssueDir) await rmdir(newIssueDir).catch(() => undefined);
    throw error;
  }
  return written;
}
