/**
 * What the parallel build guesses before paginating: each article's length and pages, and the front pages'. Pages
 * come from the page counts of earlier builds (cached by the article's source and the page settings) or, for an
 * article never built, from its length against the grid. Only the guess of the sides depends on them: a wrong
 * one costs a run paginated again, never a different PDF.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Issue } from '../manifest/loadIssue.js';
import { writeOutput } from '../writeOutput.js';
import type { ParallelPlan } from './paginateInParallel.js';
import { estimatePages } from './splitIntoRuns.js';

/** Page counts of earlier builds, by article key; the most recent entries kept. */
const cacheFile = () => join(process.env.PAIBAN_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'paiban'), 'article-pages.json');
const keptEntries = 2000;

export async function planRuns(issue: Issue, jobs: number): Promise<ParallelPlan> {
  const cached = await readPageCounts();
  const { grid } = issue.periodical;
  const articles = issue.sections.flatMap((section) => section.articles);
  const contentsLines = articles.length + 2 * issue.sections.length + 3;
  return {
    jobs,
    articles: articles.map((article) => ({
      id: article.id,
      weight: article.body.length,
      pages: cached[articleKey(issue, article.source)] ?? estimatePages(article.body.length, grid.columns * grid.columnChars * grid.lines),
    })),
    // The imprint page, then the contents (a line per article, two per section title, the heading).
    front: { weight: contentsLines * 30, pages: 1 + Math.ceil(contentsLines / grid.lines) },
  };
}

/** Remembers the page count of every article of a parallel build, for the next build's guesses. */
export async function rememberPageCounts(issue: Issue, articlePages: Record<string, number>): Promise<void> {
  const cached = await readPageCounts();
  for (const article of issue.sections.flatMap((section) => section.articles)) {
    const key = articleKey(issue, article.source);
    delete cached[key]; // re-inserted last: the newest entries are kept
    if (articlePages[article.id]) cached[key] = articlePages[article.id];
  }
  await writeOutput(cacheFile(), JSON.stringify(Object.fromEntries(Object.entries(cached).slice(-keptEntries))));
}

async function readPageCounts(): Promise<Record<string, number>> {
  try {
    return JSON.parse(await readFile(cacheFile(), 'utf8')) as Record<string, number>;
  } catch {
    return {}; // no earlier build, or a cache from another version: the guesses fall back to estimates
  }
}

function articleKey(issue: Issue, source: string): string {
  const { page, grid, type } = issue.periodical;
  return createHash('sha256').update(JSON.stringify({ page, grid, type })).update('\0').update(source).digest('hex').slice(0, 32);
}
