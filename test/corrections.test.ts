/**
 * read-proof's pure stages, fast: annotations grouped into marks as readers write them, printed text aligned to its
 * Markdown, and edits checked against changed sources (pending, applied, conflict; duplicates, overlaps, BOM/CRLF);
 * what a strike-out's words mean, each reader's points, marks placed on a small line map, generated text's fields.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCorrections, type SourceEdit } from '../src/corrections/applyCorrections.js';
import { findGeneratedField } from '../src/corrections/findGeneratedField.js';
import { groupMarks, type Mark } from '../src/corrections/groupMarks.js';
import { indexLines, placeMark } from '../src/corrections/placeMark.js';
import type { PdfAnnotation } from '../src/corrections/readAnnotations.js';
import { identifyWriter, pointOf } from '../src/corrections/readerConventions.js';
import { readStrikeOutNote } from '../src/corrections/readStrikeOutNote.js';
import { alignToSource, type ProofMap, type ProofMapLine } from '../src/proof/buildProofMap.js';

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

describe('readStrikeOutNote', () => {
  it.each([
    ['', '联络站', { kind: 'delete', rule: 'no note' }],
    ['删', '的', { kind: 'delete', rule: 'reason to delete' }],
    ['重复表述，删去', '各级人大及其常委会', { kind: 'delete', rule: 'reason to delete' }],
    ['多余', '的的', { kind: 'delete', rule: 'reason to delete' }],
    ['delete', 'the', { kind: 'delete', rule: 'reason to delete' }],
    ['联系站', '联络站', { kind: 'replace', text: '联系站', rule: 'new text' }],
    ['“联系站”', '联络站', { kind: 'replace', text: '联系站', rule: 'new text' }],
    ['改为：基层立法联系点', '立法点', { kind: 'replace', text: '基层立法联系点', rule: 'explicit replacement' }],
    ['→2025年', '2024年', { kind: 'replace', text: '2025年', rule: 'explicit replacement' }],
    ['此处提法请核实', '必须健全', { kind: 'undecided', replacement: '此处提法请核实', rule: 'query' }],
    ['是否应为“代表之家”？', '代表联络站', { kind: 'undecided', rule: 'query' }],
    ['这一句与上文意思不连贯，建议作者改写后再发来', '的', { kind: 'undecided', rule: 'query' }],
    ['这一句与上文意思不连贯，作者改写后再发来', '的', { kind: 'undecided', rule: 'neither' }],
    ['联络站', '联络站', { kind: 'undecided', rule: 'neither' }],
  ])('“%s” on “%s”', (note, marked, reading) => {
    expect(readStrikeOutNote(note, marked)).toMatchObject(reading);
  });
});

describe('reader conventions', () => {
  const rect: PdfAnnotation['rect'] = [100, 500, 120, 514];
  it.each([
    ['Acrobat (/NM, /F 4): the middle', { flags: 4, uniqueName: '2b6b1a2e-…' }, 'Caret', { x: 110, y: 507, rule: 'middle' }],
    ['SumatraPDF (MuPDF: /F, no /NM): the apex of a caret', { flags: 4, uniqueName: null }, 'Caret', { x: 110, y: 514, rule: 'apex' }],
    ['PyMuPDF (fitz- /NM): the apex', { flags: 4, uniqueName: 'fitz-A1' }, 'Caret', { x: 110, y: 514, rule: 'apex' }],
    ['SumatraPDF: a note’s top-left corner', { flags: 28, uniqueName: null }, 'Text', { x: 100, y: 514, rule: 'corner' }],
    ['Evince (poppler: no /F): a note’s top-left corner', { flags: 0, uniqueName: null }, 'Text', { x: 100, y: 514, rule: 'corner' }],
    ['Evince: free text in its middle', { flags: 0, uniqueName: null }, 'FreeText', { x: 110, y: 507, rule: 'middle' }],
  ])('%s', (_, fields, subtype, point) => {
    expect(pointOf(annotation({ id: '1R', subtype, rect, ...fields }))).toEqual(point);
  });

  it('tells the writers apart by what they write', () => {
    expect(identifyWriter(annotation({ id: '1R', subtype: 'Text', flags: 0 }))).toBe('poppler');
    expect(identifyWriter(annotation({ id: '1R', subtype: 'Text', flags: 28, uniqueName: null }))).toBe('mupdf');
    expect(identifyWriter(annotation({ id: '1R', subtype: 'Text', flags: 28, uniqueName: '{5F3A…}' }))).toBe('acrobat');
    expect(identifyWriter(annotation({ id: '1R', subtype: 'Text' }))).toBe('acrobat');
  });

  it('reads a note with the Insert icon as an insertion at its corner, and other notes as comments', () => {
    const marks = groupMarks([
      annotation({ id: '1R', subtype: 'Text', flags: 0, icon: 'Insert', rect: [100, 490, 124, 514], contents: '之一' }),
      annotation({ id: '2R', subtype: 'Text', flags: 0, icon: 'Comment', rect: [100, 490, 124, 514], contents: '请核实' }),
      annotation({ id: '3R', subtype: 'Text', flags: 0, icon: 'Insert', rect: [100, 490, 124, 514], contents: '' }),
    ]);
    expect(marks).toMatchObject([
      { kind: 'insert', text: '之一', point: { x: 100, y: 514 } },
      { kind: 'comment', text: '请核实' },
      { kind: 'comment', text: '' },
    ]);
  });
});

describe('placeMark', () => {
  // Two columns of two lines each, 18 pt apart, ten glyphs a line 10 pt wide: column 1 from x 100, column 2 from 300.
  const line = (column: number, number: number, text: string, file = 0, offset = 0): ProofMapLine => {
    const left = column === 1 ? 100 : 300;
    const bottom = 700 - 18 * number;
    return {
      page: 1,
      column,
      line: number,
      box: [left, bottom, left + 100, bottom + 10],
      text,
      x: Array.from(text, (_, index) => left + 5 + 10 * index),
      runs: [[0, file, offset, Array.from(text).length]],
    };
  };
  const source = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉';
  const lines = indexLines({
    lines: [
      line(1, 1, '甲乙丙丁戊己庚辛壬癸', 0, 0),
      line(1, 2, '子丑寅卯辰巳午未申酉', 0, 10),
      line(2, 1, 'ABCDEFGHIJ', 1, 0),
      line(2, 2, 'KLMNOPQRST', 1, 10),
    ],
  } as ProofMap);
  const mark = (fields: Partial<Mark>): Mark => ({
    kind: 'delete',
    page: 1,
    quads: [],
    text: '',
    author: '',
    date: null,
    subtype: 'StrikeOut',
    id: '1R',
    ...fields,
  });

  it('takes a selection over a line end from its start to its end in reading order, leaving the other column’s line of the row', () => {
    // poppler: the rest of row 1 across the gutter (column 1 from 壬, all of column 2's first line), then row 2 up to 丑.
    const placement = placeMark(
      mark({
        quads: [
          [180, 680, 400, 692],
          [100, 662, 120, 674],
        ],
      }),
      lines,
    );
    expect(placement).toMatchObject({ marked: '壬癸子丑', proof: { column: 1, line: 1 }, range: { file: 0, start: 8, end: 12 } });
    expect(source.slice(8, 12)).toBe('壬癸子丑');
  });

  it('puts a caret’s apex on the line it points up at, also from the gap under the line', () => {
    const onBaseline = placeMark(mark({ kind: 'insert', text: '之', point: { x: 130, y: 683, rule: 'apex' } }), lines);
    expect(onBaseline).toMatchObject({ proof: { line: 1 }, range: { start: 3, end: 3 } });
    const underTheLine = placeMark(mark({ kind: 'insert', text: '之', point: { x: 130, y: 676, rule: 'apex' } }), lines);
    expect(underTheLine).toMatchObject({ proof: { line: 1 }, range: { start: 3, end: 3 } });
    // Read from the middle of its icon, the same caret would have been nearer the line below.
    const middle = placeMark(mark({ kind: 'insert', text: '之', point: { x: 130, y: 669, rule: 'middle' } }), lines);
    expect(middle.proof.line).toBe(2);
  });
});

describe('findGeneratedField', () => {
  const field = (file: string, key: string, value: string, pages: number[] = []) => ({ file, key, value, pages: new Set(pages) });
  const fields = [
    field('issues/a/01.md', 'title', '坚持和完善人民代表大会制度', [3, 4]),
    field('issues/a/01.md', 'authors', '张三 李四', [3, 4]),
    field('issues/a/02.md', 'title', '理论与实践中的人大监督', [5]),
    field('issues/a/issue.yaml', 'sections[1].title', '理论与实践'),
    field('periodical.yaml', 'title', '山东人大工作理论与实践'),
  ];
  it.each([
    ['人民代表大会制度', 2, { file: 'issues/a/01.md', key: 'title' }],
    ['理论与实践', 3, { file: 'issues/a/issue.yaml', key: 'sections[1].title' }],
    ['理论与实践', 5, { file: 'issues/a/02.md', key: 'title' }],
    ['李 四', 9, { file: 'issues/a/01.md', key: 'authors' }],
    ['山东人大工作', 4, { file: 'periodical.yaml', key: 'title' }],
    ['5', 4, undefined],
    ['不在任何字段', 4, undefined],
  ])('“%s” on page %i', (marked, page, expected) => {
    expect(findGeneratedField(marked, page, fields)).toEqual(expected);
  });
});
