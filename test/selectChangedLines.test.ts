import { describe, expect, it } from 'vitest';
import type { VisualLine } from '../src/proof/printProof.js';
import { selectChangedLines } from '../src/proof/selectChangedLines.js';

/** A paragraph (a.md line 9) printed on three visual lines of ten characters. */
const text = '第一行的十个字符啊第二行的十个字符啊第三行的十个字符啊';
const lines: VisualLine[] = [0, 1, 2].map((index) => ({
  page: 3,
  column: 1,
  number: index + 1,
  top: index * 20,
  bottom: index * 20 + 14,
  left: 0,
  right: 100,
  text: text.slice(index * 9, index * 9 + 9),
  parts: [{ file: 'a.md', line: 9, start: index * 9, length: 9 }],
  x: Array.from({ length: 9 }, (_, glyph) => glyph * 10 + 5),
}));
const passage = (previous: string | undefined) => ({ file: '/abs/a.md', displayFile: 'a.md', line: 9, text, ...(previous === undefined ? {} : { previous }) });

describe('selectChangedLines', () => {
  it('bars only the visual line whose characters changed', () => {
    expect(selectChangedLines(lines, [passage(text.replace('第二行的', '第2行的'))]).map((line) => line.number)).toEqual([2]);
  });

  it('bars the line where text was deleted', () => {
    expect(selectChangedLines(lines, [passage(text.replace('第三行', '第三行又删去'))]).map((line) => line.number)).toEqual([3]);
  });

  it('ignores Markdown syntax that the page does not print', () => {
    expect(selectChangedLines(lines, [passage(`**${text.slice(0, 5)}**${text.slice(5).replace('第三', '第3')}`)]).map((line) => line.number)).toEqual([3]);
  });

  it('bars the whole paragraph when its earlier text is not known', () => {
    expect(selectChangedLines(lines, [passage(undefined)]).map((line) => line.number)).toEqual([1, 2, 3]);
  });
});
