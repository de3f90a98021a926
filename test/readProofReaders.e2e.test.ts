/**
 * read-proof on a proof of the test issue marked by the libraries two widely used readers are built on, with each
 * library's own annotation calls and saved as that reader saves: SumatraPDF's MuPDF (PyMuPDF: strike-outs with new
 * text or a reason typed in, a caret dragged with its apex to the gap, a note whose top-left corner is at the click,
 * a hidden note) and Evince's poppler-glib (strike-outs over poppler's own selection, one of two lines, notes with the
 * Insert and Comment icons, a strike-out on the running head; no /F flags). The marks' places come from the PDF's
 * glyphs (poppler's pdftotext), not from paiban. Asserted: every mark read with its kind, place, source, author and
 * text; what is undecided is not applied and --apply exits 7; the exact Markdown of --apply; a second --apply changes
 * nothing; both readers' files at once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Correction, CorrectionsReport } from '../src/corrections/Correction.js';
import { pdfGlyphs, type PdfGlyph } from './helpers/pdfGlyphs.js';
import { findGlyphs, type Place, type ProofPages, printedLineNumber, sourcePlace, withEdits } from './helpers/proofPlaces.js';
import { runCli, runReadProof } from './helpers/runCli.js';
import { makeTempProject } from './helpers/tempProject.js';

const python = '/usr/bin/python3';
const readers = join(import.meta.dirname, 'helpers', 'readers');
/** The Debian packages scripts/setup.sh installs for these tests; without them the tests are skipped, saying so. */
const missing = [
  ['python3-fitz (MuPDF, SumatraPDF’s engine)', 'import fitz'],
  ['python3-gi and gir1.2-poppler-0.18 (poppler-glib, Evince’s)', "import gi; gi.require_version('Poppler', '0.18'); from gi.repository import Poppler"],
]
  .filter(([, probe]) => spawnSync(python, ['-c', probe]).status !== 0)
  .map(([name]) => name);
if (missing.length > 0) console.warn(`skipping the real readers' marks: ${missing.join(', ')} not installed; run scripts/setup.sh`);

const root = makeTempProject('proof:\n  lineStep: 1\ntypesetting:\n  adjust: false\n');
const dist = join(root, 'dist');
const proofPdf = join(dist, 'mini-proof.pdf');
const [sumatra, evince] = [join(root, 'proof-sumatra.pdf'), join(root, 'proof-evince.pdf')];
const article = 'issues/mini/03-long.md';
const articlePath = join(root, article);
const pages: ProofPages = { pdf: proofPdf, width: 0, height: 0 };
let original: string;
let evinceSelections: { page: number; selected: string }[];

type Edit = Place & { text: string };
/** Marked in SumatraPDF (MuPDF) by 校对丙. */
const inSumatra = {
  replace: { page: 5, column: 1, before: '第1段。代表', target: '联络站', text: '联系站' },
  reason: { page: 5, column: 1, before: '第3段。', target: '各级人大及其常委会', text: '' },
  caret: { page: 5, column: 2, before: '第5段。', target: '', text: '（新增）' },
  undecided: { page: 6, column: 1, before: '第8段。推进全过程人民民主，', target: '必须健全吸纳民意', text: '' },
} satisfies Record<string, Edit>;
/** Marked in Evince (poppler) by 校对丁. */
const inEvince = {
  delete: { page: 5, column: 2, before: '第7段。', target: '基层立法联系点', text: '' },
  replaceTwoLines: {
    page: 5,
    column: 1,
    before: '第1段。代表联络站是联系群众的重要平台，要建好用好，让群众的意见建议及时得到反映。推进全过程人民民主，必须健全',
    target: '吸纳民意、汇集民智',
    text: '吸纳民意，汇集民智',
  },
  insertNote: { page: 5, column: 2, before: '第4段。', target: '', text: '（插入）' },
} satisfies Record<string, Edit>;
const noted = { sumatra: { page: 6, column: 1, before: '第9段。', target: '基层' }, evince: { page: 6, column: 1, before: '第11段。', target: '2024' } };

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, encoding: 'utf8' }).trim();
}

const readProof = (...args: string[]) => runReadProof(root, 'mini', args);

/** Runs a reader's marking script on the proof; returns what it printed, a JSON object a line. */
function mark(script: string, output: string, marks: object[]): unknown[] {
  const printed = execFileSync(python, [join(readers, script)], { input: JSON.stringify({ input: proofPdf, output, marks }), encoding: 'utf8' });
  return printed
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** One box per printed line of the glyphs: [left, bottom, right, top]. */
function lineBoxes(glyphs: PdfGlyph[]): number[][] {
  const lines = new Map<number, PdfGlyph[]>();
  for (const glyph of glyphs) lines.set(glyph.top, [...(lines.get(glyph.top) ?? []), glyph]);
  return [...lines.values()].map((line) => [Math.min(...line.map((g) => g.left)), line[0].bottom, Math.max(...line.map((g) => g.right)), line[0].top]);
}

const middleOf = (glyph: PdfGlyph) => [(glyph.left + glyph.right) / 2, (glyph.top + glyph.bottom) / 2];

function sumatraMarks(): object[] {
  const author = '校对丙';
  const gap = findGlyphs(pages, inSumatra.caret)[0];
  const note = findGlyphs(pages, noted.sumatra)[0];
  return [
    { type: 'strikeout', page: 5, quads: lineBoxes(findGlyphs(pages, inSumatra.replace)), contents: '联系站', author },
    { type: 'strikeout', page: 5, quads: lineBoxes(findGlyphs(pages, inSumatra.reason)), contents: '重复表述，删去', author },
    // The apex at the gap before the glyph, on its baseline: the wedge hangs below the line.
    { type: 'caret', page: 5, apex: [gap.left, gap.bottom + 2], contents: '（新增）', author },
    { type: 'strikeout', page: 6, quads: lineBoxes(findGlyphs(pages, inSumatra.undecided)), contents: '此处提法请核实', author },
    { type: 'note', page: 6, click: middleOf(note), contents: '这一段与第7段重复', author, icon: 'Comment' },
    { type: 'note', page: 6, click: [100, 100], contents: '隐藏的批注', author, hidden: true },
  ];
}

function evinceMarks(): object[] {
  const author = '校对丁';
  // A drag from the middle of the left edge of the first glyph to the middle of the right edge of the last.
  const drag = (edit: Edit) => {
    const glyphs = findGlyphs(pages, edit);
    const [first, last] = [glyphs[0], glyphs.at(-1)!];
    return { from: [first.left + 0.5, middleOf(first)[1]], to: [last.right - 0.5, middleOf(last)[1]] };
  };
  const gap = findGlyphs(pages, inEvince.insertNote)[0];
  const head = pdfGlyphs(proofPdf, 5, pages.height).filter((glyph) => glyph.size === 9 && /[理论与实践]/.test(glyph.character));
  return [
    { type: 'strikeout', page: 5, ...drag(inEvince.delete), contents: '', author },
    { type: 'strikeout', page: 5, ...drag(inEvince.replaceTwoLines), contents: '吸纳民意，汇集民智', author },
    { type: 'note', page: 5, click: [gap.left, middleOf(gap)[1]], contents: '（插入）', author, icon: 'Insert' },
    { type: 'note', page: 6, click: middleOf(findGlyphs(pages, noted.evince)[0]), contents: '数字核对无误', author, icon: 'Comment' },
    {
      type: 'strikeout',
      page: 5,
      from: [head[0].left + 0.5, middleOf(head[0])[1]],
      to: [head.at(-1)!.right - 0.5, middleOf(head.at(-1)!)[1]],
      contents: '理论与实务',
      author,
    },
  ];
}

beforeAll(async () => {
  if (missing.length > 0) return;
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'round 1');
  const built = await runCli(['mini', '--root', root, '--proof']);
  expect(built.code, built.stderr).toBe(0);
  original = readFileSync(articlePath, 'utf8');
  Object.assign(pages, (await PDFDocument.load(readFileSync(proofPdf))).getPage(0).getSize());
  mark('markWithMupdf.py', sumatra, sumatraMarks());
  evinceSelections = mark('markWithPoppler.py', evince, evinceMarks()) as typeof evinceSelections;
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const all = (report: CorrectionsReport): Correction[] => report.articles.flatMap((entry) => entry.corrections);
const byAuthor = (report: CorrectionsReport, author: string) => all(report).filter((correction) => correction.author === author);

/** The place an edit's correction should report: its printed line and its source line and column. */
function placeOf(edit: Edit) {
  const glyph = findGlyphs(pages, edit)[0];
  const source = sourcePlace(original, edit);
  return {
    proof: { page: edit.page, column: edit.column, line: printedLineNumber(pages, edit.page, edit.column, glyph) },
    source: { line: source.line, column: source.column },
  };
}

describe.skipIf(missing.length > 0)('read-proof on marks made with SumatraPDF’s MuPDF', () => {
  let result: Awaited<ReturnType<typeof readProof>>;
  beforeAll(async () => {
    result = await readProof(sumatra);
  }, 60_000);

  it('reads every mark, saves an incremental update as SumatraPDF does, and says what it set aside', () => {
    expect(readFileSync(sumatra).subarray(0, readFileSync(proofPdf).length).equals(readFileSync(proofPdf))).toBe(true);
    expect(result.code, result.stderr).toBe(0);
    expect(result.report.proofs[0]).toMatchObject({ marks: 5, skipped: ['1 hidden (/F 2: the reader does not show it)'] });
    expect(result.report.counts.byKind).toEqual({ replace: 1, delete: 2, insert: 1, comment: 1 });
  });

  it('a strike-out with new text typed in replaces; with a reason deletes and keeps the reason', () => {
    const [replace] = byAuthor(result.report, '校对丙').filter((correction) => correction.kind === 'replace');
    expect(replace).toMatchObject({ ...placeOf(inSumatra.replace), marked: '联络站', text: '联系站', status: 'pending', from: { subtype: 'StrikeOut' } });
    const [deletion] = byAuthor(result.report, '校对丙').filter((correction) => correction.kind === 'delete' && correction.status === 'pending');
    expect(deletion).toMatchObject({ ...placeOf(inSumatra.reason), marked: '各级人大及其常委会', text: '', note: '重复表述，删去' });
  });

  it('a caret hanging under the line inserts at its apex, on the line it points at', () => {
    const [insert] = all(result.report).filter((correction) => correction.kind === 'insert');
    expect(insert).toMatchObject({ ...placeOf(inSumatra.caret), text: '（新增）', status: 'pending', author: '校对丙', date: '2026-12-01T01:00:00.000Z' });
    expect(insert.marked).toMatch(/第5段。‸代表/);
  });

  it('a note is on the line clicked (its top-left corner), not the line its icon hangs over', () => {
    const [note] = all(result.report).filter((correction) => correction.text === '这一段与第7段重复');
    const glyph = findGlyphs(pages, noted.sumatra)[0];
    expect(note).toMatchObject({ kind: 'comment', proof: { page: 6, column: 1, line: printedLineNumber(pages, 6, 1, glyph) }, from: { subtype: 'Text' } });
  });

  it('a strike-out whose words could be a query or new text is undecided: listed first, both readings shown', () => {
    const undecided = all(result.report).filter((correction) => correction.status === 'undecided');
    expect(undecided).toMatchObject([
      {
        ...placeOf(inSumatra.undecided),
        marked: '必须健全吸纳民意',
        readings: [
          { kind: 'delete', text: '' },
          { kind: 'replace', text: '此处提法请核实' },
        ],
      },
    ]);
    expect(result.report.articles.find((entry) => entry.file.endsWith(article))!.corrections[0]).toBe(undecided[0] as never);
    expect(result.report.counts.byStatus.undecided).toBe(1);
    expect(result.stderr).toMatch(/to decide: .*03-long\.md:\d+:\d+ \(p\. 6, column 1, line \d+\): a strike-out with “此处提法请核实” typed into it/);
    expect(readFileSync(join(dist, 'mini-corrections.html'), 'utf8')).toContain(
      '待定：删去 <del>必须健全吸纳民意</del>，或 <del>必须健全吸纳民意</del> → <ins>此处提法请核实</ins>',
    );
  });
});

describe.skipIf(missing.length > 0)('read-proof on marks made with Evince’s poppler', () => {
  let result: Awaited<ReturnType<typeof readProof>>;
  beforeAll(async () => {
    result = await readProof(evince);
  }, 60_000);

  it('reads marks poppler saved without /F flags (pdf.js leaves them out of its print intent)', () => {
    expect(readFileSync(evince, 'latin1')).not.toMatch(/\/Subtype\s*\/StrikeOut[^>]*\/F\s/);
    expect(result.code, result.stderr).toBe(0);
    expect(result.report.proofs[0].marks).toBe(5);
    expect(result.report.proofs[0].skipped).toBeUndefined();
    expect(byAuthor(result.report, '校对丁')).toHaveLength(5);
  });

  it('a selection over a line end takes only its own column, though poppler’s selection takes in the other column’s line', () => {
    // poppler reads this proof's two columns row by row: its selection of 吸纳民意、 / 汇集民智 runs on into the other
    // column's line of the same row (and the line numbers) before it comes back for the next line.
    expect(evinceSelections[1].selected).toMatch(/^吸纳民意、的根本政治制度，是党领导国家政权机关的重要\s*5\s*5汇集民智$/);
    const [replace] = all(result.report).filter((correction) => correction.kind === 'replace');
    expect(replace).toMatchObject({ ...placeOf(inEvince.replaceTwoLines), marked: '吸纳民意、汇集民智', text: '吸纳民意，汇集民智', status: 'pending' });
    const [deletion] = all(result.report).filter((correction) => correction.kind === 'delete');
    expect(deletion).toMatchObject({ ...placeOf(inEvince.delete), marked: '基层立法联系点', status: 'pending', author: '校对丁' });
  });

  it('a note with the Insert icon inserts at its top-left corner; a Comment note is on the line clicked', () => {
    const [insert] = all(result.report).filter((correction) => correction.kind === 'insert');
    expect(insert).toMatchObject({ ...placeOf(inEvince.insertNote), text: '（插入）', status: 'pending', author: '校对丁' });
    expect(insert.marked).toMatch(/第4段。‸人民/);
    const [note] = all(result.report).filter((correction) => correction.text === '数字核对无误');
    const glyph = findGlyphs(pages, noted.evince)[0];
    expect(note).toMatchObject({ kind: 'comment', proof: { page: 6, column: 1, line: printedLineNumber(pages, 6, 1, glyph) } });
  });

  it('a mark on the running head stays a comment on its page, naming the field it was printed from', () => {
    const [head] = all(result.report).filter((correction) => correction.proof.line === 0);
    expect(head).toMatchObject({
      kind: 'comment',
      status: 'comment',
      proof: { page: 5, column: 0, line: 0 },
      marked: '理论与实践',
      text: '理论与实务',
      field: { file: 'issues/mini/issue.yaml', key: 'sections[1].title' },
    });
    expect(head.reason).toContain('or in issues/mini/issue.yaml (sections[1].title)');
  });
});

describe.skipIf(missing.length > 0)('read-proof --apply on both readers’ files at once', () => {
  let first: Awaited<ReturnType<typeof readProof>>;
  let second: Awaited<ReturnType<typeof readProof>>;
  let afterFirst: string;
  beforeAll(async () => {
    first = await readProof(sumatra, evince, '--apply');
    afterFirst = readFileSync(articlePath, 'utf8');
    second = await readProof(evince, sumatra, '--apply');
  }, 60_000);

  it('makes exactly the decided edits, leaves the undecided one, and exits 7 saying so', () => {
    expect(first.code, first.stderr).toBe(7);
    const decided = [inSumatra.replace, inSumatra.reason, inSumatra.caret, inEvince.delete, inEvince.replaceTwoLines, inEvince.insertNote];
    expect(afterFirst).toBe(withEdits(original, decided));
    expect(first.report.counts.byStatus).toEqual({ undecided: 1, pending: 0, applied: 6, conflict: 0, comment: 3 });
    expect(first.stderr).toMatch(/10 marks: 1 undecided, 6 applied, 3 comment; annotations not read: \S*proof-sumatra\.pdf: 1 hidden/);
    expect(git('status', '--porcelain', '--', 'issues')).toBe(`M ${article}`);
  });

  it('changes nothing the second time, in either order', () => {
    expect(second.code).toBe(7);
    expect(readFileSync(articlePath, 'utf8')).toBe(afterFirst);
    expect(second.report.counts.byStatus).toEqual({ undecided: 1, pending: 0, applied: 6, conflict: 0, comment: 3 });
  });
});
