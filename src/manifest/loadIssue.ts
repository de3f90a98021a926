/**
 * Stage 1: the sources of one issue → a resolved, validated Issue (raw YAML → parsed by schema → resolved paths).
 * Everything that can be wrong with the input is found here, before a browser starts.
 */
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../UserError.js';
import { displayPath } from './displayPath.js';
import { parseYamlWithSchema } from './parseYamlWithSchema.js';
import { readSourceFile } from './readSourceFile.js';
import { frontMatterSchema, issueSchema, periodicalSchema, type FrontMatter, type IssueManifest, type PeriodicalSettings } from './schemas.js';
import { splitFrontMatter } from './splitFrontMatter.js';

export interface Article {
  /** Stable id for anchors and contents links: a<section>-<article>, 1-based. */
  id: string;
  /** Absolute path of the Markdown file. */
  file: string;
  /** The path to show in messages. */
  displayFile: string;
  section: string;
  frontMatter: FrontMatter;
  /** 1-based line of each front matter key, for messages about a field. */
  frontMatterLines: Partial<Record<keyof FrontMatter, number>>;
  body: string;
  bodyFirstLine: number;
  /** The whole file as read (UTF-8, LF), for checks that point at file positions. */
  source: string;
}

export interface Section {
  title: string;
  articles: Article[];
}

export interface Issue {
  id: string;
  /** Folder holding periodical.yaml and issues/. */
  root: string;
  dir: string;
  periodical: PeriodicalSettings;
  manifest: IssueManifest;
  sections: Section[];
  fontsFile: string;
  templatesDir: string;
}

export async function loadIssue(projectRoot: string, id: string): Promise<Issue> {
  const root = resolve(projectRoot);
  const periodicalFile = join(root, 'periodical.yaml');
  const periodical = parseYamlWithSchema(
    { text: await readSourceFile(periodicalFile, 'periodical settings', 'create periodical.yaml in the project folder'), file: displayPath(periodicalFile) },
    periodicalSchema,
  );
  const dir = join(root, 'issues', id);
  if (!(await isDirectory(dir))) {
    throw new UserError('input', `issue folder not found; create it with an issue.yaml, or check the issue id "${id}"`, {
      location: { file: displayPath(dir) },
    });
  }
  const manifestFile = join(dir, 'issue.yaml');
  const manifestText = await readSourceFile(manifestFile, 'issue manifest', 'create issue.yaml in the issue folder');
  const manifest = parseYamlWithSchema({ text: manifestText, file: displayPath(manifestFile) }, issueSchema);
  const sections = await resolveSections(dir, manifest, manifestText, displayPath(manifestFile));
  return {
    id,
    root,
    dir,
    periodical,
    manifest,
    sections,
    fontsFile: resolve(dirname(periodicalFile), periodical.fonts),
    templatesDir: resolve(dirname(periodicalFile), periodical.templates),
  };
}

async function resolveSections(dir: string, manifest: IssueManifest, manifestText: string, manifestDisplay: string): Promise<Section[]> {
  const seen = new Set<string>();
  const realDir = await realpath(dir);
  const sections: Section[] = [];
  for (const [sectionIndex, section] of manifest.sections.entries()) {
    const articles: Article[] = [];
    for (const [articleIndex, entry] of section.articles.entries()) {
      const location = { file: manifestDisplay, line: lineOf(manifestText, entry) };
      const file = await resolveArticlePath(dir, realDir, entry, location);
      if (seen.has(file)) throw new UserError('input', `article "${entry}" is listed twice; list each article once`, { location });
      seen.add(file);
      articles.push(await readArticle(file, `a${sectionIndex + 1}-${articleIndex + 1}`, section.title));
    }
    sections.push({ title: section.title, articles });
  }
  return sections;
}

/** Article paths must stay inside the issue folder, also through symlinks: the manifest is not trusted to read elsewhere. */
async function resolveArticlePath(dir: string, realDir: string, entry: string, location: { file: string; line?: number }): Promise<string> {
  const file = resolve(dir, entry);
  const outside = (path: string, base: string) => isAbsolute(entry) || relative(base, path).startsWith('..') || !path.startsWith(base + sep);
  if (outside(file, dir)) {
    throw new UserError('input', `article path "${entry}" is outside the issue folder; articles must be files in ${displayPath(dir)}`, { location });
  }
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    throw new UserError('input', `article file "${entry}" not found; create it or correct the name in the manifest`, { location });
  }
  if (outside(real, realDir)) {
    throw new UserError('input', `article "${entry}" is a link to a file outside the issue folder; copy the file into the folder`, { location });
  }
  return file;
}

async function readArticle(file: string, id: string, section: string): Promise<Article> {
  const text = await readSourceFile(file, 'article', 'check the file name in issue.yaml');
  return parseArticle(text, file, displayPath(file), id, section);
}

/** An article file's text as the build reads it (import-manuscript checks what it is about to write with it). */
export function parseArticle(text: string, file: string, displayFile: string, id: string, section: string): Article {
  const split = splitFrontMatter(text, displayFile);
  const frontMatter = parseYamlWithSchema({ text: split.frontMatter, file: displayFile, firstLine: 2 }, frontMatterSchema);
  if (!split.body.trim()) {
    throw new UserError('input', 'the article has no text after its front matter; add the article text or remove it from issue.yaml', {
      location: { file: displayFile, line: split.bodyFirstLine },
    });
  }
  const frontMatterLines = Object.fromEntries(
    // Front matter starts on the file's line 2.
    Object.keys(frontMatter).map((key) => [key, (lineOf(split.frontMatter, `${key}:`, true) ?? 0) + 1]),
  ) as Article['frontMatterLines'];
  return { id, file, displayFile, section, frontMatter, frontMatterLines, body: split.body, bodyFirstLine: split.bodyFirstLine, source: text };
}

/** 1-based line of the first line containing `needle` (at the line start when `atStart`), or undefined. */
function lineOf(text: string, needle: string, atStart = false): number | undefined {
  const index = text.split('\n').findIndex((line) => (atStart ? line.startsWith(needle) : line.includes(needle)));
  return index >= 0 ? index + 1 : undefined;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
