import type { VisualLine } from './printProof.js';
import { toPrintedText } from './toPrintedText.js';

export interface ProofLocation {
  page: number;
  column: number;
  line: number;
}

/**
 * Where a place in the sources is printed: the visual line showing the text of `file` line `sourceLine` at the
 * offset of `context + target` in that block, or the block's first line when that text is not found (it may be
 * split by markup the page does not print).
 */
export function locateInProof(lines: VisualLine[], file: string, sourceLine: number, context = '', target = ''): ProofLocation | undefined {
  const pieces = lines.flatMap((line) => line.parts.filter((part) => part.file === file && part.line === sourceLine).map((part) => ({ line, part })));
  if (pieces.length === 0) return undefined;
  const blockText = pieces.map(({ line, part }) => line.text.slice(offsetInLine(line, part), offsetInLine(line, part) + part.length)).join('');
  const prefix = toPrintedText(context);
  const index = target ? blockText.indexOf(prefix + toPrintedText(target)) : -1;
  const offset = index < 0 ? 0 : index + prefix.length;
  const { line } = pieces.findLast(({ part }) => part.start <= offset) ?? pieces[0];
  return { page: line.page, column: line.column, line: line.number };
}

function offsetInLine(line: VisualLine, part: VisualLine['parts'][number]): number {
  return line.parts.slice(0, line.parts.indexOf(part)).reduce((sum, previous) => sum + previous.length, 0);
}
