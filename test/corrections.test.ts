/**
 * read-proof's pure stages, fast: annotations grouped into marks as readers write them, printed text aligned to its
 * Markdown, and edits checked against changed sources (pending, applied, conflict; duplicates, overlaps, BOM/CRLF).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCorrections, type SourceEdit } from '../src/corrections/applyCorrections.js';
import { groupMarks } from '../src/corrections/groupMarks.js';
import type { PdfAnnotation } from '../src/corrections/readAnnotations.js';
import { alignToSource } from '../src/proof/buildProofMap.js';

const annotation = (fields: Partial<PdfAnnotation> & Pick<PdfAnnotation, 'id' | 'subtype'>): PdfAnnotation => ({
  page: 3,
  quads: [],
  rect: [100, 100, 110, 110],
  contents: '',
  author: '甲',
  date: null,
  ...fields,
});
const quad: PdfAnnotation['quads'][number] = [100, 500, 160, 515];

describe('groupMarks', () => {
  it("makes Acrobat's Caret + StrikeOut group one replace, whichever comes first, with the caret's text", () => {
    const marks = groupMarks([
      annotation({ id: '9R', subtype: 'StrikeOut', quads: [quad], inReplyTo: '8R', replyType: 'Group', intent: 'StrikeOutTextEdit', contents: '新文字' }),
      annotation({ id: '8R', subtype: 'Caret', intent: 'Replace', contents: '新文字' }),
    ]);
    expect(marks).toMatchObject([{ kind: 'replace', quads: [quad], text: '新文字', subtype: 'Caret+StrikeOut' }]);
  });

  it('reads a lone caret as an insertion at its point, a lone strike-out as a deletion keeping its note, markups as comments', () => {
    const marks = groupMarks([
      annotation({ id: '1R', subtype: 'Caret', rect: [100, 200, 106, 208], contents: '的' }),
      annotation({ id: '2R', subtype: 'StrikeOut', quads: [quad], contents: '多余' }),
      annotation({ id: '3R', subtype: 'Squiggly', quads: [quad], contents: '不通' }),
      annotation({ id: '4R', subtype: 'Caret', contents: '' }),
    ]);
    expect(marks).toMatchObject([
      { kind: 'insert', point: { x: 103, y: 204 }, text: '的' },
      { kind: 'delete', text: '', note: '多余' },
      { kind: 'comment', quads: [quad], text: '不通' },
      { kind: 'comment', text: '' },
    ]);
  });

  it('puts a reply on the mark it answers, and a reply to a missing mark at its own place', () => {
    const marks = groupMarks([
      annotation({ id: '5R', subtype: 'Highlight', quads: [quad], contents: '请核实' }),
      annotation({ id: '6R', subtype: 'Text', inReplyTo: '5R', replyType: 'R', contents: '已核实', author: '乙' }),
      annotation({ id: '7R', subtype: 'Text', inReplyTo: '99R', contents: '孤立的回复' }),
    ]);
    expect(marks).toHaveLength(3);
    expect(marks.find((mark) => mark.text === '已核实')).toMatchObject({ kind: 'comment', quads: [quad], author: '乙' });
    expect(marks.find((mark) => mark.text === '孤立的回复')).toMatchObject({ kind: 'comment', point: { x: 105, y: 105 } });
  });
});

describe('alignToSource', () => {
  it('finds printed characters in the Markdown past its syntax, and leaves out text the page adds', () => {
    const source = 'title: 甲\n\n**一要提高站位。**正文[^1]，见[链接](https://example.com/x)后文。\n';
    const from = source.indexOf('**');
    const printed = '一要提高站位。正文1，见链接后文。';
    const offsets = Array.from(alignToSource(printed, source, from, source.length - 1));
    expect(offsets.map((offset) => source[offset]).join('')).toBe(printed);
    const added = Array.from(alignToSource('（作者单位：某部）', 'affiliation: 某部\n', 0, 15));
    expect(added.map((offset) => (offset < 0 ? '·' : 'affiliation: 某部\n'[offset])).join('')).toBe('······某部·');
  });
});

describe('applyCorrections', () => {
  const root = mkdtempSync(join(tmpdir(), 'paiban-corrections-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const proofed = '# 标题\n\n第一段文字，联络站在此。\n\n第二段的的文字。\n';
  const edit = (find: string, text: string, nth = 0): SourceEdit => {
    let start = -1;
    for (let count = 0; count <= nth; count++) start = proofed.indexOf(find, start + 1);
    return { path: 'a.md', proofed, start, end: start + find.length, text };
  };

  it('applies edits still in place, recognises them the second time, and keeps a BOM and CRLF line ends', async () => {
    writeFileSync(join(root, 'a.md'), `\uFEFF${proofed.replace(/\n/g, '\r\n')}`);
    const edits = [
      edit('联络站', '联系站'),
      edit('的', '', 1),
      { ...edit('文字', ''), start: proofed.indexOf('第一段') + 3, end: proofed.indexOf('第一段') + 3, text: '的' },
    ];
    expect(await applyCorrections(root, edits, false)).toEqual([{ status: 'pending' }, { status: 'pending' }, { status: 'pending' }]);
    expect(await applyCorrections(root, edits, true)).toEqual([{ status: 'applied' }, { status: 'applied' }, { status: 'applied' }]);
    const written = readFileSync(join(root, 'a.md'), 'utf8');
    expect(written).toBe(`\uFEFF# 标题\r\n\r\n第一段的文字，联系站在此。\r\n\r\n第二段的文字。\r\n`);
    expect(await applyCorrections(root, edits, true)).toEqual([{ status: 'applied' }, { status: 'applied' }, { status: 'applied' }]);
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe(written);
  });

  it('makes the same correction by two proofreaders once, and refuses a second edit of the same text', async () => {
    writeFileSync(join(root, 'a.md'), proofed);
    const outcomes = await applyCorrections(root, [edit('联络站', '联系站'), edit('联络站', '联系站'), edit('络站在', '络点在')], true);
    expect(outcomes).toMatchObject([
      { status: 'applied' },
      { status: 'applied' },
      { status: 'conflict', reason: 'overlaps another correction of the same text' },
    ]);
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe(proofed.replace('联络站', '联系站'));
  });

  it('leaves edits whose text changed since the proof: gone, or there twice nearby; and follows text that only moved', async () => {
    writeFileSync(
      join(root, 'a.md'),
      proofed.replace('联络站在此', '工作站在此').replace('第二段的的文字', '第二段的的的文字').replace('# 标题\n', '# 标题\n\n新的一段。\n'),
    );
    const outcomes = await applyCorrections(root, [edit('联络站', '联系站'), edit('的', '', 1), edit('标题', '题目')], true);
    expect(outcomes[0]).toEqual({ status: 'conflict', reason: 'the marked text “联络站” is no longer there (the source changed since the proof)' });
    expect(outcomes[1].status).toBe('conflict');
    expect(outcomes[1].reason).toMatch(/“的” is there \d times nearby/);
    expect(outcomes[2]).toEqual({ status: 'applied' });
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe('# 题目\n\n新的一段。\n\n第一段文字，工作站在此。\n\n第二段的的的文字。\n');
  });

  it('reports a file that no longer exists as a conflict', async () => {
    expect(await applyCorrections(root, [{ ...edit('联络站', '联系站'), path: 'gone.md' }], true)).toEqual([
      { status: 'conflict', reason: 'gone.md no longer exists' },
    ]);
  });
});
