/**
 * The prose of an article file as a proofreader reads it: the checked front matter values and every Markdown
 * paragraph, heading and table cell, with Markdown syntax, code, URLs and link targets taken out. Each character
 * keeps its offset in the file, so a finding is reported at the file's own line and column.
 */
import markdownIt, { type Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { parseDocument, Scalar } from 'yaml';

/**
 * `title`: a printed title, which may be split into phrases by single spaces. `paragraph`: a body paragraph, the
 * unit a quotation may run on from.
 */
export type ProseKind = 'title' | 'field' | 'heading' | 'paragraph' | 'cell';

export interface ProseBlock {
  kind: ProseKind;
  /** The visible text. {@link OPAQUE} stands for a code span, URL or HTML tag: present, but not prose. */
  text: string;
  /** offsets[i] is the offset in the file of text[i]. */
  offsets: number[];
}

const OPAQUE = '\uFFFC';

/** Front matter keys whose values are printed as prose; `authors` are names, checked by people. */
const proseFields: Record<string, ProseKind> = {
  title: 'title',
  tocTitle: 'title',
  subtitle: 'field',
  dateline: 'field',
  affiliation: 'field',
};

export function extractProse(source: string): ProseBlock[] {
  const lines = splitLines(source);
  // As src/manifest/splitFrontMatter.ts reads it; without front matter the whole file is the body.
  const hasFrontMatter =
    lineText(source, lines[0]!)
      .replace(/^\uFEFF/, '')
      .trim() === '---';
  const frontMatterEnd = lines.findIndex((line, index) => index > 0 && lineText(source, line).trim() === '---');
  if (!hasFrontMatter || frontMatterEnd < 0) return bodyBlocks(source, lines, 0);
  return [...fieldBlocks(source, lines[1]?.start ?? 0, lines[frontMatterEnd]!.start), ...bodyBlocks(source, lines, frontMatterEnd + 1)];
}

interface Line {
  start: number;
  /** Excludes the line break (and a CR before it). */
  end: number;
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= source.length; ) {
    const newline = source.indexOf('\n', start);
    const next = newline < 0 ? source.length : newline;
    lines.push({ start, end: source[next - 1] === '\r' ? next - 1 : next });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

function lineText(source: string, line: Line): string {
  return source.slice(line.start, line.end);
}

function fieldBlocks(source: string, start: number, end: number): ProseBlock[] {
  const document = parseDocument(source.slice(start, end));
  return Object.entries(proseFields).flatMap(([key, kind]) => {
    const node = document.get(key, true);
    if (!(node instanceof Scalar) || typeof node.value !== 'string' || !node.range) return [];
    const [valueStart, valueEnd] = scalarTextRange(source, start, node);
    return [proseBlock(kind, source, linesIn(source, valueStart, valueEnd))];
  });
}

/** Where a scalar's characters are in the file: inside its quotes, or below a block scalar's `|`/`>` header. */
function scalarTextRange(source: string, base: number, node: Scalar): [number, number] {
  const [start, end] = [base + node.range![0], base + node.range![1]];
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return [start + 1, end - 1];
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) {
    const headerEnd = source.indexOf('\n', start);
    return [headerEnd < 0 ? end : Math.min(headerEnd + 1, end), end];
  }
  return [start, end];
}

function linesIn(source: string, start: number, end: number): Line[] {
  return splitLines(source.slice(start, end)).map((line) => ({ start: start + line.start, end: start + line.end }));
}

const markdown = markdownIt({ html: true }).use(footnote);

const prefixes = {
  blockquote: /^(?:[ \t]*>)*/,
  listMarker: /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$))+/,
  footnoteLabel: /^[ \t]*\[\^[^\]]+\]:/,
  atxHeading: /^[ \t]*#{1,6}(?=[ \t]|$)/,
  // Pandoc's caption syntax, as src/render/createMarkdown.ts reads it.
  tableCaption: /^[ \t]*Table:/,
};
const atxClosingSequence = /[ \t]+#+[ \t]*$/;

function bodyBlocks(source: string, lines: Line[], firstLine: number): ProseBlock[] {
  const bodyLines = lines.slice(firstLine);
  const body = bodyLines.length ? source.slice(bodyLines[0]!.start) : '';
  const tokens = markdown.parse(body, {});
  return tokens.flatMap((token, index) => {
    if (token.type === 'tr_open' && token.map) return tableCells(source, bodyLines[token.map[0]]!);
    if (token.type !== 'inline' || !token.map) return [];
    const parent = tokens[index - 1]!;
    const blockLines = bodyLines.slice(token.map[0], token.map[1]).map((line) => stripPrefix(source, line, prefixes.blockquote));
    blockLines[0] = stripPrefix(source, blockLines[0]!, firstLinePrefix(tokens, index));
    const isHeading = parent.type === 'heading_open';
    if (isHeading && parent.markup.startsWith('#')) {
      const last = blockLines.length - 1;
      blockLines[last] = stripClosingSequence(source, blockLines[last]!);
    }
    return [proseBlock(isHeading ? 'heading' : 'paragraph', source, blockLines)];
  });
}

/** The syntax on a block's first line that is not prose: a list marker, footnote label, heading or caption marker. */
function firstLinePrefix(tokens: Token[], inlineIndex: number): RegExp | undefined {
  const parent = tokens[inlineIndex - 1]!;
  const container = tokens[inlineIndex - 2];
  if (parent.type === 'heading_open') return parent.markup.startsWith('#') ? prefixes.atxHeading : undefined;
  if (container?.type === 'list_item_open') return prefixes.listMarker;
  if (container?.type === 'footnote_open') return prefixes.footnoteLabel;
  if (tokens[inlineIndex + 2]?.type === 'table_open') return prefixes.tableCaption;
  return undefined;
}

function stripPrefix(source: string, line: Line, prefix: RegExp | undefined): Line {
  const match = prefix?.exec(lineText(source, line));
  return match ? { start: line.start + match[0].length, end: line.end } : line;
}

function stripClosingSequence(source: string, line: Line): Line {
  const match = atxClosingSequence.exec(lineText(source, line));
  return match ? { start: line.start, end: line.start + match.index } : line;
}

/** A table row's cells: split at every `|` not escaped as `\|` (GFM splits inside code spans too). */
function tableCells(source: string, row: Line): ProseBlock[] {
  const line = stripPrefix(source, row, prefixes.blockquote);
  const text = lineText(source, line);
  const bars = [...text.matchAll(/(?<!\\)\|/g)].map((match) => match.index);
  const cells = [-1, ...bars].map((bar, index) => ({
    start: line.start + bar + 1,
    end: line.start + (bars[index] ?? text.length),
  }));
  // The optional pipes at the row's ends leave an empty cell before the first and after the last.
  if (cells.length > 1 && isBlank(source, cells[0]!)) cells.shift();
  if (cells.length > 1 && isBlank(source, cells[cells.length - 1]!)) cells.pop();
  return cells.map((cell) => proseBlock('cell', source, [cell]));
}

function isBlank(source: string, line: Line): boolean {
  return lineText(source, line).trim() === '';
}

/**
 * Inline syntax in the order Markdown gives it precedence, each either replaced by {@link OPAQUE} (it is printed,
 * but is not prose: its neighbours must not look adjacent) or dropped (it is not printed at all).
 */
const inlineSyntax: [RegExp, string][] = [
  [/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, OPAQUE], // code span
  [/<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>/g, OPAQUE], // autolink
  [/<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, OPAQUE], // raw HTML
  [/\[\^[^\]\s]+\]/g, ''], // footnote reference: printed as a superscript number
  [/!?\[(?=[^[\]]*\][([])/g, ''], // opening bracket of a link or image: the link text is prose
  [/\](?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)|\[[^\]]*\])/g, ''], // link target
  [/\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"\u{80}-\u{10FFFF}]*[^\s<>"'.,;:!?)\u{80}-\u{10FFFF}]/gu, OPAQUE], // bare URL
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, OPAQUE], // e-mail address
  [/(?<!\\)(?:\*+|_+|~~)(?=\S)|(?<=\S)(?<!\\)(?:\*+|_+|~~)/g, ''], // emphasis; a `*` between spaces is text
  [/\\(?=[!-/:-@[-`{-~])/g, ''], // backslash of an escape
  [/[ \t]*\n[ \t]*/g, ''], // soft line break: removed between Chinese characters when rendered
];

/** Lines (already without container syntax) joined into one block of prose. */
function proseBlock(kind: ProseKind, source: string, lines: Line[]): ProseBlock {
  let block: ProseBlock = { kind, text: '', offsets: [] };
  lines.forEach((line, index) => {
    // Only Markdown's own blanks: a U+3000 indent typed by the author is in the source and is checked.
    const text = lineText(source, line);
    const indent = /^[ \t]*/.exec(text)![0].length;
    const start = line.start + indent;
    const end = start + text.slice(indent).replace(/[ \t]+$/, '').length;
    if (index > 0) block = append(block, '\n', [start]);
    block = append(block, source.slice(start, end), range(start, end));
  });
  return inlineSyntax.reduce((current, [pattern, replacement]) => rewrite(current, pattern, replacement), block);
}

function rewrite(block: ProseBlock, pattern: RegExp, replacement: string): ProseBlock {
  let result: ProseBlock = { kind: block.kind, text: '', offsets: [] };
  let last = 0;
  for (const match of block.text.matchAll(pattern)) {
    result = append(result, block.text.slice(last, match.index), block.offsets.slice(last, match.index));
    result = append(result, replacement, replacement ? [block.offsets[match.index]!] : []);
    last = match.index + match[0].length;
  }
  return append(result, block.text.slice(last), block.offsets.slice(last));
}

function append(block: ProseBlock, text: string, offsets: number[]): ProseBlock {
  return { kind: block.kind, text: block.text + text, offsets: block.offsets.concat(offsets) };
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, index) => start + index);
}
