/**
 * The proof's line map, embedded in the proof PDF (`paiban-proof-map.json`, an embedded file) so that read-proof can
 * turn a proofreader's mark back into a place in the sources, months later and after the sources moved on: for
 * every printed line its page, column and number, its box and the middle of each glyph in PDF coordinates, its text,
 * and the source offsets of its characters, with the issue, the git revision and each source file as it was
 * printed (so an edit can be checked against what the proofreader saw, whatever the file holds now).
 */
import { relative, sep } from 'node:path';
import type { Issue } from '../manifest/loadIssue.js';
import type { SourceRevision } from './readRevision.js';
import type { VisualLine } from './printProof.js';

export const proofMapFileName = 'paiban-proof-map.json';
export const proofMapFormat = 'paiban-proof-map/1';

export interface ProofMapFile {
  /** Relative to the project root, with forward slashes. */
  path: string;
  title: string;
  /** The file as it was read for this proof (UTF-8, LF line ends): the offsets of `runs` are in it. */
  source: string;
}

export interface ProofMapLine {
  page: number;
  column: number;
  line: number;
  /** [left, bottom, right, top] in PDF points, origin at the page's lower left (Chromium's page: trim plus bleed). */
  box: [number, number, number, number];
  text: string;
  /** The horizontal middle of each glyph (code point) of `text`, in PDF points; null where Chromium gave no box. */
  x: (number | null)[];
  /** Runs of glyphs printed from consecutive source characters: [first glyph, file index, source offset, glyph count]. */
  runs: [number, number, number, number][];
}

export interface ProofMap {
  format: typeof proofMapFormat;
  issue: string;
  round: number;
  slug: string;
  builtAt: string;
  revision: SourceRevision | null;
  files: ProofMapFile[];
  lines: ProofMapLine[];
}

const ptPerPx = 0.75;
const ptPerMm = 72 / 25.4;

export function buildProofMap(issue: Issue, lines: VisualLine[], proof: { round: number; slug: string; builtAt: Date; revision?: SourceRevision }): ProofMap {
  const articles = issue.sections.flatMap((section) => section.articles);
  const files: ProofMapFile[] = articles.map((article) => ({
    path: relative(issue.root, article.file).split(sep).join('/'),
    title: article.frontMatter.title,
    source: article.source,
  }));
  const fileIndex = new Map(articles.map((article, index) => [article.displayFile, index]));
  const blockOffsets = alignBlocks(lines, (file) => {
    const index = fileIndex.get(file);
    return index === undefined ? undefined : articles[index].source;
  });
  const { page } = issue.periodical;
  const pageHeight = (page.height + 2 * page.bleed) * ptPerMm;
  const round2 = (value: number) => Math.round(value * 100) / 100;
  return {
    format: proofMapFormat,
    issue: issue.id,
    round: proof.round,
    slug: proof.slug,
    builtAt: proof.builtAt.toISOString(),
    revision: proof.revision ?? null,
    files,
    lines: lines.map((line) => ({
      page: line.page,
      column: line.column,
      line: line.number,
      box: [round2(line.left * ptPerPx), round2(pageHeight - line.bottom * ptPerPx), round2(line.right * ptPerPx), round2(pageHeight - line.top * ptPerPx)],
      text: line.text,
      x: line.x.map((x) => (Number.isFinite(x) ? round2(x * ptPerPx) : null)),
      runs: sourceRuns(line, blockOffsets, fileIndex),
    })),
  };
}

/**
 * For each source block (file and line where it starts), the source offset of each UTF-16 unit of its printed text,
 * or -1 for text the page adds (作者单位, an author's padding) or that cannot be found.
 */
function alignBlocks(lines: VisualLine[], sourceOf: (file: string) => string | undefined): Map<string, Int32Array> {
  const printed = new Map<string, string[]>();
  for (const line of lines) {
    let offset = 0;
    for (const part of line.parts) {
      const key = `${part.file}\n${part.line}`;
      const pieces = printed.get(key) ?? [];
      pieces[part.start] = line.text.slice(offset, offset + part.length);
      printed.set(key, pieces);
      offset += part.length;
    }
  }
  const offsets = new Map<string, Int32Array>();
  for (const [key, pieces] of printed) {
    const [file, line] = key.split('\n');
    const source = sourceOf(file);
    const text = pieces.join('');
    offsets.set(key, source === undefined ? new Int32Array(text.length).fill(-1) : alignToSource(text, source, ...blockRange(source, Number(line))));
  }
  return offsets;
}

/**
 * Where the source block starting on 1-based line `line` is: a front matter field is its one line (the article
 * head prints title, authors, … from them), a body block runs to the next blank line.
 */
function blockRange(source: string, line: number): [number, number] {
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = source.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  const frontMatterEnd = source.startsWith('---\n') ? source.indexOf('\n---', 3) : -1;
  const end = start < frontMatterEnd ? source.indexOf('\n', start) : source.indexOf('\n\n', start);
  return [start, end < 0 ? source.length : end];
}

/** How far past Markdown syntax (a link's target, an entity, a footnote label) a printed character may be found. */
const lookahead = 48;

/**
 * Each printed character found in the source block from `from` to `to` in order, skipping what the page does not
 * print; a character not found within `lookahead` is the page's own and keeps the search where it was.
 */
export function alignToSource(printed: string, source: string, from: number, to: number): Int32Array {
  const offsets = new Int32Array(printed.length).fill(-1);
  let cursor = from;
  for (let index = 0; index < printed.length; ) {
    const character = String.fromCodePoint(printed.codePointAt(index)!);
    const found = source.indexOf(character, cursor);
    if (found >= 0 && found + character.length <= to && found - cursor <= lookahead) {
      offsets[index] = found;
      cursor = found + character.length;
    }
    index += character.length;
  }
  return offsets;
}

function sourceRuns(line: VisualLine, blockOffsets: Map<string, Int32Array>, fileIndex: Map<string, number>): ProofMapLine['runs'] {
  const runs: ProofMapLine['runs'] = [];
  let glyph = 0;
  let offset = 0;
  let expected = -1;
  for (const part of line.parts) {
    const block = blockOffsets.get(`${part.file}\n${part.line}`);
    const file = fileIndex.get(part.file);
    for (let unit = 0; unit < part.length; ) {
      const character = String.fromCodePoint(line.text.codePointAt(offset + unit)!);
      const source = block?.[part.start + unit] ?? -1;
      const last = runs.at(-1);
      if (source >= 0 && file !== undefined) {
        if (last && last[1] === file && source === expected && last[0] + last[3] === glyph) last[3] += 1;
        else runs.push([glyph, file, source, 1]);
        expected = source + character.length;
      }
      unit += character.length;
      glyph += 1;
    }
    offset += part.length;
  }
  return runs;
}
