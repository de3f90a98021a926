/**
 * The proofreaders' mechanical text check of one article file (GB/T 15834-2011 punctuation, GB/T 15835-2011
 * numerals; docs/typesetting.md §6). Only prose is checked: front matter values that are printed, and
 * the Markdown body without its syntax, code, URLs and link targets. Findings point at the file's own lines.
 */
import { extractProse, type ProseBlock } from './extractProse.js';
import { findBracketProblems } from './findBracketProblems.js';
import { findPatternProblems } from './findPatternProblems.js';
import { findQuoteProblems } from './findQuoteProblems.js';
import { findTraditionalCharacters } from './findTraditionalCharacters.js';
import { findZhlintProblems } from './findZhlintProblems.js';
import { textRules, type TextRule } from '../rules/textRules.js';
import type { ProseProblem } from './ProseProblem.js';

export interface TextFinding {
  rule: TextRule;
  /** Chinese, short: what is wrong and the form to use. */
  message: string;
  /** As passed in. */
  file: string;
  /** 1-based line in the file, front matter included. */
  line: number;
  /** 1-based, in characters (code points). */
  column: number;
  /** About ten characters either side, the offending text marked with 【】. */
  excerpt: string;
}

const blockChecks: ((block: ProseBlock, next: ProseBlock | undefined) => ProseProblem[])[] = [
  findPatternProblems,
  findQuoteProblems,
  findBracketProblems,
  findTraditionalCharacters,
  findZhlintProblems,
];

const excerptContext = 10;

export function lintArticleText(source: string, file: string): TextFinding[] {
  const blocks = extractProse(source);
  const placed = blocks.flatMap((block, index) =>
    blockChecks.flatMap((check) => check(block, blocks[index + 1])).map((problem) => placeInSource(problem, block)),
  );
  return keepOnePerPlace(placed).map(({ problem, start, end }) => ({
    rule: problem.rule,
    message: problem.message,
    file,
    ...lineAndColumn(source, start),
    excerpt: excerpt(source, start, end),
  }));
}

interface PlacedProblem {
  problem: ProseProblem;
  /** Offsets in the source file, end exclusive. */
  start: number;
  end: number;
}

function placeInSource(problem: ProseProblem, block: ProseBlock): PlacedProblem {
  // Each UTF-16 unit of prose has its own offset, so the problem's last unit ends one unit after its offset.
  return { problem, start: block.offsets[problem.start]!, end: block.offsets[problem.end - 1]! + 1 };
}

/**
 * One finding per place: where findings overlap, the one whose rule comes first in {@link textRules} stays (the
 * specific rule before the general one, our rules before zhlint's).
 */
function keepOnePerPlace(placed: PlacedProblem[]): PlacedProblem[] {
  const priority = Object.keys(textRules);
  const byPriority = [...placed].sort((a, b) => priority.indexOf(a.problem.rule) - priority.indexOf(b.problem.rule) || a.start - b.start);
  const kept: PlacedProblem[] = [];
  for (const candidate of byPriority) {
    if (!kept.some((other) => candidate.start < other.end && other.start < candidate.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start || priority.indexOf(a.problem.rule) - priority.indexOf(b.problem.rule));
}

function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: Array.from(source.slice(lineStart, offset)).length + 1 };
}

function excerpt(source: string, start: number, end: number): string {
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = source.indexOf('\n', start) < 0 ? source.length : source.indexOf('\n', start);
  const before = Array.from(source.slice(lineStart, start)).slice(-excerptContext).join('');
  const marked = source.slice(start, Math.min(end, lineEnd));
  const rest = source.slice(Math.min(end, lineEnd), lineEnd).replace(/\r$/, '');
  const after = Array.from(rest).slice(0, excerptContext).join('');
  return `${before}【${marked}】${after}`;
}
