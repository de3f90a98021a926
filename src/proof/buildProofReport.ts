/**
 * The proof report: every finding with where it is printed (page, column, line of the proof) and where it is in
 * the sources (file, line, column), grouped by article, with counts per kind and per article.
 */
import type { TypographyFinding } from '../check/checkTypography.js';
import type { Issue } from '../manifest/loadIssue.js';
import type { ChangedPassage } from './findChangedLines.js';
import { lintArticleText } from '../lint/lintArticleText.js';
import { textRules } from '../rules/textRules.js';
import { checkRules } from '../rules/typographyRules.js';
import { locateInProof, type ProofLocation } from './locateInProof.js';
import type { VisualLine } from './printProof.js';

export interface ProofEntry {
  /** text: GB/T 15834/15835 checks of the sources; typography: the layout check; change: changed since --since. */
  kind: 'text' | 'typography' | 'change';
  rule: string;
  message: string;
  source: { file: string; line: number; column?: number };
  proof?: ProofLocation;
  excerpt: string;
}

export interface ProofReport {
  issue: string;
  slug: string;
  counts: { byRule: Record<string, number>; byArticle: Record<string, number> };
  articles: { file: string; title: string; entries: ProofEntry[] }[];
  legend: Record<string, string>;
}

/** A finding of another check that already knows its source place (the typography check). */
export type LocatedFinding = Omit<ProofEntry, 'proof'> & { proof?: ProofLocation };

export function buildProofReport(
  issue: Issue,
  lines: VisualLine[],
  slug: string,
  extra: { findings?: LocatedFinding[]; changes?: ChangedPassage[] } = {},
): ProofReport {
  const articles = issue.sections.flatMap((section) => section.articles);
  const off = new Set<string>(issue.periodical.checks.off);
  const entries: ProofEntry[] = [...(extra.findings ?? [])];
  for (const article of articles) {
    for (const finding of lintArticleText(article.source, article.displayFile).filter((found) => !off.has(found.rule))) {
      const [context, target] = splitExcerpt(finding.excerpt);
      entries.push({
        kind: 'text',
        rule: finding.rule,
        message: finding.message,
        source: { file: finding.file, line: finding.line, column: finding.column },
        proof: locateInProof(lines, article.displayFile, finding.line, context, target),
        excerpt: finding.excerpt,
      });
    }
  }
  for (const change of extra.changes ?? []) {
    const article = articles.find((candidate) => candidate.file === change.file);
    const file = article?.displayFile ?? change.file;
    entries.push({
      kind: 'change',
      rule: 'changed',
      message: '自上一轮以来修改的段落',
      source: { file, line: change.line },
      proof: locateInProof(lines, file, change.line),
      excerpt: change.text.slice(0, 60),
    });
  }
  const byRule: Record<string, number> = {};
  const byArticle: Record<string, number> = {};
  for (const entry of entries) {
    byRule[entry.rule] = (byRule[entry.rule] ?? 0) + 1;
    byArticle[entry.source.file] = (byArticle[entry.source.file] ?? 0) + 1;
  }
  return {
    issue: issue.id,
    slug,
    counts: { byRule, byArticle },
    articles: articles.map((article) => ({
      file: article.displayFile,
      title: article.frontMatter.title,
      entries: entries
        .filter((entry) => entry.source.file === article.displayFile)
        .sort((a, b) => a.source.line - b.source.line || (a.source.column ?? 0) - (b.source.column ?? 0)),
    })),
    legend: {
      ...Object.fromEntries(Object.entries({ ...textRules, ...checkRules }).filter(([rule]) => !off.has(rule))),
      changed: '自 --since 指定的版本以来修改的段落（校样上有改动条）',
    },
  };
}

/** The typography check's findings as report entries, each found on its visual line of the proof. */
export function locateTypographyFindings(findings: TypographyFinding[], lines: VisualLine[]): LocatedFinding[] {
  return findings.map((finding) => {
    const start = finding.excerpt.replace(/\s/g, '').slice(0, 12);
    const line = lines.find(
      (candidate) => candidate.page === finding.page && (finding.column === null || candidate.column === finding.column) && candidate.text.startsWith(start),
    );
    return {
      kind: 'typography',
      rule: finding.rule,
      message: finding.detail ? `${checkRules[finding.rule]} (${finding.detail})` : checkRules[finding.rule],
      source: { file: finding.article ?? '(front pages)', line: finding.line ?? 0 },
      proof: line ? { page: line.page, column: line.column, line: line.number } : { page: finding.page, column: finding.column ?? 0, line: 0 },
      excerpt: finding.excerpt,
    };
  });
}

/** "……前文【错】后文" → ["……前文", "错"]. */
function splitExcerpt(excerpt: string): [string, string] {
  const match = /^(.*?)【(.*?)】/.exec(excerpt);
  return match ? [match[1], match[2]] : ['', ''];
}
