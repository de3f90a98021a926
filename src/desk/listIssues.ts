/** The issues list: every folder under issues/ with an issue.yaml, and its state as the desk knows it. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { outputPaths } from '../outputPaths.js';
import { readBuiltLayout } from './readBuiltLayout.js';
import { readRounds } from './proofRounds.js';

export interface IssueSummary {
  id: string;
  year?: number;
  number?: number;
  date?: string;
  articles: number;
  /** The last PDF in dist/: its date, and its page count (from the layout its build wrote beside it). */
  lastBuild?: { at: string; pageCount?: number };
  /** The last proof round made, and the marks waiting for a decision in it. */
  round?: number;
  marksWaiting: number;
  /** Why the manifest could not be read, when it could not. */
  problem?: string;
}

export async function listIssues(root: string): Promise<IssueSummary[]> {
  const entries = await readdir(join(root, 'issues'), { withFileTypes: true }).catch(() => []);
  const ids = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const summaries = await Promise.all(ids.map((id) => summariseIssue(root, id)));
  // Newest first: by year and number, then by id.
  return summaries
    .filter((summary): summary is IssueSummary => summary !== undefined)
    .sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || (b.number ?? 0) - (a.number ?? 0) || b.id.localeCompare(a.id, 'en', { numeric: true }));
}

async function summariseIssue(root: string, id: string): Promise<IssueSummary | undefined> {
  let text: string;
  try {
    text = await readFile(join(root, 'issues', id, 'issue.yaml'), 'utf8');
  } catch {
    return undefined;
  }
  const manifest = parseDocument(text).toJS() as { year?: number; number?: number; date?: string; sections?: { articles?: string[] }[] } | null;
  const pdf = outputPaths({ root, issueId: id }).pdf;
  const built = await stat(pdf).catch(() => undefined);
  const layout = await readBuiltLayout(root, id);
  const rounds = await readRounds(root, id).catch(() => []);
  const last = rounds.at(-1);
  return {
    id,
    year: manifest?.year,
    number: manifest?.number,
    date: manifest?.date ? String(manifest.date) : undefined,
    articles: (manifest?.sections ?? []).reduce((count, section) => count + (section.articles?.length ?? 0), 0),
    lastBuild: built && { at: built.mtime.toISOString(), pageCount: layout?.pageCount },
    round: last?.round,
    marksWaiting: last?.marksWaiting ?? 0,
    ...(manifest ? {} : { problem: 'issue.yaml 为空' }),
  };
}
