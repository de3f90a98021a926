/**
 * Everything before the browser, shared by every path that lays out an issue (build, --watch, the preflight's
 * rebuild, the tests and the benchmark), as typst's one `compile_once` serves both `compile` and `watch`:
 * sources → fonts → every character checked against the face that draws it → the HTML with its subset fonts.
 */
import { join } from 'node:path';
import type { Deadline } from './Deadline.js';
import { checkFontCoverage } from './fonts/checkFontCoverage.js';
import { loadFonts, type FontSet } from './fonts/loadFonts.js';
import type { IssueDocument } from './IssueDocument.js';
import { loadIssue, type Issue } from './manifest/loadIssue.js';
import { proofVocabulary } from './proof/proofVocabulary.js';
import { renderDocument } from './render/renderDocument.js';
import { combineUserErrors, UserError } from './UserError.js';

export interface PrepareOptions {
  /** Folder holding periodical.yaml and issues/. */
  root: string;
  issueId: string;
  warn: (message: string) => void;
  /** Names each step for the build's timeout and Ctrl-C; without one the steps simply run. */
  deadline?: Deadline;
  /**
   * Filled with every file and folder the preparation read, as far as it got: --watch watches exactly these, so a
   * failed load still watches the file that failed and everything read before it.
   */
  inputs?: Set<string>;
}

export interface PreparedIssue {
  issue: Issue;
  fonts: FontSet;
  /** The PostScript names of the declared faces: the only fonts the PDF may hold. */
  declaredFonts: string[];
  document: IssueDocument;
}

export async function prepareIssue({ root, issueId, warn, deadline, inputs = new Set() }: PrepareOptions): Promise<PreparedIssue> {
  const step = <T>(phase: string, work: () => Promise<T>) => (deadline ? deadline.run(phase, work) : work());
  for (const path of issueFolderInputs(root, issueId)) inputs.add(path);
  const issue = await step('loading the issue', () => loadIssue(root, issueId));
  inputs.add(issue.templatesDir).add(issue.fontsFile);
  const fonts = await step('loading fonts', () => loadFonts(issue.fontsFile));
  for (const face of fonts.faces) inputs.add(face.path);
  // Every blocking problem of the issue is named at once: the characters no face draws and the pictures the page
  // cannot draw, per file, so an editor mends them all before building again.
  const problems = problemsOf(() => checkFontCoverage(issue, fonts));
  // The proof's slug is set in the same font files as the print, so its characters are in the subsets too.
  const document = await step('rendering HTML', () => renderDocument(issue, fonts, warn, proofVocabulary)).catch((error: unknown) => {
    throw error instanceof UserError ? combineUserErrors([...problems, error]) : error;
  });
  if (problems.length > 0) throw combineUserErrors(problems);
  return { issue, fonts, declaredFonts: fonts.faces.map((face) => face.postscriptName), document };
}

function problemsOf(check: () => void): UserError[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof UserError) return error.problems;
    throw error;
  }
}

/** What any preparation reads first: the settings and the whole issue folder. */
export function issueFolderInputs(root: string, issueId: string): string[] {
  return [join(root, 'periodical.yaml'), join(root, 'issues', issueId)];
}
