/**
 * read-proof on a real proof of the test issue (Chromium + Paged.js), marked as Acrobat and pdf.js save marks:
 * reviewer A (Acrobat: replace = Caret + StrikeOut group, insert caret, strike-out, highlight with a comment, sticky
 * note with pop-up, a mark on the running head) saved as an incremental update with an xref table; reviewer B
 * (pdf.js: highlight, FreeText and Ink without /NM /P /M; a reply to A's highlight) saved on top with an xref
 * stream; reviewer C with pdf.js' own writer (saveDocument) on top of that. Glyph positions for the marks come from Ghostscript, not from paiban. Asserted: placement in proof and
 * source, the exact Markdown diff of --apply, a second --apply changing nothing, a conflict when the source changed,
 * the corrections in a rebuilt proof, and bad input.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as readProofCommand } from '../src/cli/readProofCli.js';
import type { Correction, CorrectionsReport } from '../src/corrections/Correction.js';
import { appendAnnotations, type NewAnnotation } from './helpers/annotatePdf.js';
import { pdfGlyphs, type PdfGlyph } from './helpers/pdfGlyphs.js';
import {
  columnGlyphs as columnGlyphsOf,
  findGlyphs as findGlyphsOf,
  type Place,
  type ProofPages,
  printedLineNumber as printedLineNumberOf,
  quadsOf,
  sourcePlace,
  withEdits as withEditsOf,
} from './helpers/proofPlaces.js';
import { saveWithPdfjs } from './helpers/saveWithPdfjs.js';
import { pageTexts, squeeze } from './helpers/pdfTools.js';
import { runCli, runReadProof } from './helpers/runCli.js';
import { makeTempProject } from './helpers/tempProject.js';

// The marks below are placed on the pages and columns where the unadjusted layout sets the fixture's paragraphs;
// the proof map's handling of adjusted lines is exercised by the 2024-4 bench (scripts/markProof.ts).
const root = makeTempProject('proof:\n  lineStep: 1\ntypesetting:\n  adjust: false\n');
const dist = join(root, 'dist');
const proofPdf = join(dist, 'mini-proof.pdf');
const [reviewerA, reviewerB, reviewerC] = [join(root, 'proof-A.pdf'), join(root, 'proof-B.pdf'), join(root, 'proof-C.pdf')];
const article = 'issues/mini/03-long.md';
const articlePath = join(root, article);
let original: string;
let revision: string;

/** The edits marked, and the replacement, insertion or nothing (deletion). */
const edits: Record<string, Place & { text: string }> = {
  replace: { page: 5, column: 1, before: '第1段。代表', target: '联络站', text: '联系站' },
  deleteTwoLines: { page: 5, column: 1, before: '第2段。人民代表大会制度是我国的根本政治制度，是党领导国家政权机关的', target: '重要制度载体。', text: '' },
  insert: { page: 5, column: 2, before: '第4段。', target: '', text: '（插入）' },
  replaceTwoLines: { page: 6, column: 2, before: '第14段。各级人大及其常委会要依法履', target: '职，加强监督', text: '职，强化监督' },
};
type EditName = 'replace' | 'deleteTwoLines' | 'insert' | 'replaceTwoLines';

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, encoding: 'utf8' }).trim();
}

const readProof = (...args: string[]) => runReadProof(root, 'mini', args);

// The proof as read from its PDF (test/helpers/proofPlaces.ts); its page size is known once it is built.
const pages: ProofPages = { pdf: proofPdf, width: 0, height: 0 };
const columnGlyphs = (page: number, column: number) => columnGlyphsOf(pages, page, column);
const findGlyphs = (place: Place) => findGlyphsOf(pages, place);
const printedLineNumber = (page: number, column: number, glyph: PdfGlyph) => printedLineNumberOf(pages, page, column, glyph);
const withEdits = (source: string, names: EditName[]) =>
  withEditsOf(
    source,
    names.map((name) => edits[name]),
  );

const acrobat = (author: string, page: number, id: string) => ({
  T: author,
  NM: id,
  P: `@page${page}`,
  M: "D:20261130093000+08'00'",
  CreationDate: "D:20261130092000+08'00'",
  F: 4,
});

function reviewerAMarks(): NewAnnotation[] {
  const marks: NewAnnotation[] = [];
  for (const name of ['replace', 'replaceTwoLines'] as const) {
    const edit = edits[name];
    const quads = quadsOf(findGlyphs(edit));
    const [x, y] = [quads.QuadPoints[2], quads.QuadPoints[7]];
    marks.push(
      {
        page: edit.page,
        key: `${name}-caret`,
        entries: {
          Subtype: '/Caret',
          Rect: [x - 3, y - 3, x + 3, y + 5],
          Contents: edit.text,
          RC: `<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml"><p>${edit.text}</p></body>`,
          IT: '/Replace',
          Subj: '插入文本',
          Popup: `@${name}-popup`,
          ...acrobat('校对甲', edit.page, `${name}-caret`),
        },
      },
      { page: edit.page, key: `${name}-popup`, entries: { Subtype: '/Popup', Parent: `@${name}-caret`, Rect: [400, 500, 580, 600], Open: false } },
      {
        page: edit.page,
        entries: {
          Subtype: '/StrikeOut',
          ...quads,
          IRT: `@${name}-caret`,
          RT: '/Group',
          IT: '/StrikeOutTextEdit',
          Subj: '删除线',
          C: [1, 0, 0],
          ...acrobat('校对甲', edit.page, `${name}-strike`),
        },
      },
    );
  }
  const remove = edits.deleteTwoLines;
  marks.push({
    page: remove.page,
    entries: { Subtype: '/StrikeOut', ...quadsOf(findGlyphs(remove)), C: [1, 0, 0], ...acrobat('校对甲', remove.page, 'delete') },
  });
  const insert = edits.insert;
  const [next] = findGlyphs(insert);
  // Acrobat's insertion caret sits on the baseline, a little below the line's middle.
  marks.push({
    page: insert.page,
    entries: {
      Subtype: '/Caret',
      Rect: [next.left - 3, next.bottom, next.left + 3, next.bottom + 8],
      Contents: insert.text,
      ...acrobat('校对甲', insert.page, 'insert'),
    },
  });
  const highlighted = findGlyphs({ page: 6, column: 2, before: '第12段。', target: '各级人大及其常委会' });
  marks.push({
    page: 6,
    key: 'highlight',
    entries: { Subtype: '/Highlight', ...quadsOf(highlighted), Contents: '请核实此处提法', C: [1, 1, 0], ...acrobat('校对甲', 6, 'highlight') },
  });
  const noted = findGlyphs({ page: 6, column: 1, before: '第9段。', target: '基层' })[0];
  marks.push({
    page: 6,
    entries: {
      Subtype: '/Text',
      Rect: [noted.left + 40, noted.bottom + 2, noted.left + 60, noted.bottom + 22],
      Contents: '这一段与第7段重复',
      Name: '/Comment',
      ...acrobat('校对甲', 6, 'note'),
    },
  });
  const head = pdfGlyphs(proofPdf, 5, pages.height).filter((glyph) => glyph.size === 9 && /[理论与实践]/.test(glyph.character));
  marks.push({ page: 5, entries: { Subtype: '/StrikeOut', ...quadsOf(head), ...acrobat('校对甲', 5, 'head') } });
  return marks;
}

/** Reviewer B's marks; `highlight` is the object of A's highlight, which B answers. */
function reviewerBMarks(highlight: string): NewAnnotation[] {
  const highlighted = findGlyphs({ page: 5, column: 2, before: '第7段。', target: '基层立法联系点' });
  const freeText = findGlyphs({ page: 6, column: 1, before: '第10段。', target: '加强' })[0];
  const inked = findGlyphs({ page: 6, column: 1, before: '第11段。', target: '2024' })[0];
  return [
    // pdf.js: no /NM, /P, /M, /T.
    { page: 5, entries: { Subtype: '/Highlight', ...quadsOf(highlighted), C: [1, 1, 0], F: 4 } },
    {
      page: 6,
      entries: {
        Subtype: '/FreeText',
        Rect: [freeText.left, freeText.bottom, freeText.left + 80, freeText.top],
        Contents: '此段可删减',
        DA: '/Helv 10 Tf 0 g',
        F: 4,
      },
    },
    {
      page: 6,
      entries: {
        Subtype: '/Ink',
        Rect: [inked.left - 2, inked.bottom, inked.left + 30, inked.top],
        InkList: [[inked.left, inked.bottom + 2, inked.left + 28, inked.top - 2]],
        C: [0, 0, 1],
        F: 4,
      },
    },
    // A reply (Acrobat: a hidden /Text with /IRT and no /RT) to reviewer A's highlight.
    {
      page: 6,
      entries: { Subtype: '/Text', Rect: [0, 0, 20, 20], Contents: '已核实，无误', IRT: `@${highlight}`, T: '校对乙', M: "D:20261130110000+08'00'", F: 28 },
    },
  ];
}

beforeAll(async () => {
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'round 1');
  revision = git('rev-parse', '--short=10', 'HEAD');
  const built = await runCli(['mini', '--root', root, '--proof']);
  expect(built.code, built.stderr).toBe(0);
  original = readFileSync(articlePath, 'utf8');
  const proof = new Uint8Array(readFileSync(proofPdf));
  Object.assign(pages, (await PDFDocument.load(proof)).getPage(0).getSize());
  const markedA = await appendAnnotations(proof, reviewerAMarks(), 'table');
  writeFileSync(reviewerA, markedA);
  // B's reply points at A's highlight by its object number, found in A's update by the highlight's /NM.
  const highlight = /(\d+) 0 obj\n<<(?:(?!endobj)[\s\S])*?\/NM \(highlight\)/.exec(new TextDecoder('latin1').decode(markedA.subarray(proof.length)))![1];
  const markedB = await appendAnnotations(markedA, reviewerBMarks(highlight), 'stream');
  writeFileSync(reviewerB, markedB);
  const highlighted = quadsOf(findGlyphs({ page: 6, column: 2, before: '第13段。', target: '加强自身建设' })).QuadPoints;
  const noted = findGlyphs({ page: 5, column: 2, before: '第5段。', target: '代表' })[0];
  writeFileSync(
    reviewerC,
    await saveWithPdfjs(markedB, [
      { kind: 'highlight', page: 6, quads: [[highlighted[0], highlighted[5], highlighted[2], highlighted[1]]] },
      { kind: 'freetext', page: 5, rect: [noted.left + 30, noted.bottom, noted.left + 120, noted.top], text: '请统一体例' },
    ]),
  );
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The corrections of a report, flattened in report order. */
const all = (report: CorrectionsReport): Correction[] => report.articles.flatMap((entry) => entry.corrections);
const byText = (report: CorrectionsReport, text: string) => all(report).filter((correction) => correction.text === text);

describe('read-proof on a proof marked by two reviewers', () => {
  let result: Awaited<ReturnType<typeof readProof>>;
  beforeAll(async () => {
    // Both files, as an editor collects them: B's copy holds A's marks too; each mark is reported once.
    result = await readProof(reviewerA, reviewerB);
  }, 60_000);

  it("the marked files are valid PDFs that keep the proof as it was and append each reviewer's update", () => {
    const [proof, a, b] = [proofPdf, reviewerA, reviewerB].map((path) => readFileSync(path));
    expect(a.subarray(0, proof.length).equals(proof)).toBe(true);
    expect(b.subarray(0, a.length).equals(a)).toBe(true);
    expect(a.subarray(proof.length).toString('latin1')).toMatch(/\nxref\n0 1\n/);
    expect(b.subarray(a.length).toString('latin1')).toMatch(/\/Type \/XRef/);
    for (const path of [reviewerA, reviewerB]) execFileSync('qpdf', ['--check', path]);
  });

  it('reports every mark once, without applying anything', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.report.proofs.map((proof) => proof.marks)).toEqual([7, 11]);
    expect(result.report.counts.byKind).toEqual({ replace: 2, delete: 1, insert: 1, comment: 7 });
    expect(result.report.counts.byStatus).toEqual({ pending: 4, applied: 0, conflict: 0, comment: 7 });
    expect(readFileSync(articlePath, 'utf8')).toBe(original);
    expect(result.stderr).toContain('11 marks: 4 pending, 7 comment');
    expect(readFileSync(join(dist, 'mini-corrections.html'), 'utf8')).toContain('<del>联络站</del> → <ins>联系站</ins>');
  });

  it('places each edit on its printed line (page, column, line number beside it) and at its source line and column', () => {
    for (const name of Object.keys(edits) as EditName[]) {
      const edit = edits[name];
      const [correction] = all(result.report).filter((candidate) => candidate.kind !== 'comment' && candidate.text === edit.text);
      const first = findGlyphs(edit)[0];
      const place = sourcePlace(original, edit);
      expect(correction, name).toMatchObject({
        kind: name.startsWith('replace') ? 'replace' : name === 'insert' ? 'insert' : 'delete',
        proof: { page: edit.page, column: edit.column, line: printedLineNumber(edit.page, edit.column, first) },
        source: { line: place.line, column: place.column },
        status: 'pending',
        author: '校对甲',
        date: '2026-11-30T01:30:00.000Z',
      });
      expect(correction.source!.file.endsWith(article)).toBe(true);
      expect(correction.marked, name).toBe(
        edit.target ||
          `${edit.before.slice(-4)}‸${columnGlyphs(edit.page, edit.column)
            .map((glyph) => glyph.character)
            .join('')
            .split(edit.before)[1]
            .slice(0, 5)}`,
      );
    }
  });

  it('reads comments: a highlight with its reply, a sticky note, pdf.js highlight, FreeText and Ink, and a mark on the running head', () => {
    const [highlight] = byText(result.report, '请核实此处提法');
    expect(highlight).toMatchObject({
      kind: 'comment',
      status: 'comment',
      marked: '各级人大及其常委会',
      proof: { page: 6, column: 2 },
      from: { subtype: 'Highlight' },
    });
    const [reply] = byText(result.report, '已核实，无误');
    expect(reply).toMatchObject({ kind: 'comment', marked: '各级人大及其常委会', proof: highlight.proof, source: highlight.source, author: '校对乙' });
    const [note] = byText(result.report, '这一段与第7段重复');
    const nine = findGlyphs({ page: 6, column: 1, before: '第9段。', target: '基层' })[0];
    expect(note).toMatchObject({ kind: 'comment', proof: { page: 6, column: 1, line: printedLineNumber(6, 1, nine) }, from: { subtype: 'Text' } });
    const [pdfjsHighlight] = all(result.report).filter((correction) => correction.from.subtype === 'Highlight' && correction.author === '');
    expect(pdfjsHighlight).toMatchObject({ marked: '基层立法联系点', text: '', date: null, proof: { page: 5, column: 2 } });
    const [freeText] = byText(result.report, '此段可删减');
    const ten = findGlyphs({ page: 6, column: 1, before: '第10段。', target: '加强' })[0];
    expect(freeText).toMatchObject({
      kind: 'comment',
      date: null,
      proof: { page: 6, column: 1, line: printedLineNumber(6, 1, ten) },
      from: { subtype: 'FreeText' },
    });
    const [ink] = all(result.report).filter((correction) => correction.from.subtype === 'Ink');
    expect(ink).toMatchObject({ kind: 'comment', proof: { page: 6, column: 1 } });
    const [head] = all(result.report).filter((correction) => correction.proof.line === 0);
    expect(head).toMatchObject({ kind: 'comment', status: 'comment', proof: { page: 5, column: 0, line: 0 }, marked: '理论与实践' });
    expect(head.source).toBeUndefined();
    expect(head.reason).toMatch(/not applied/);
    expect(result.report.articles.at(-1)!.file).toBe('');
  });

  it("lists the article's corrections in reading order", () => {
    const places = result.report.articles.find((entry) => entry.file.endsWith(article))!.corrections.map(({ proof }) => [proof.page, proof.column, proof.line]);
    expect(places).toEqual([...places].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]));
  });
});

describe('read-proof on marks pdf.js saved itself', () => {
  it('reads its highlight and free text (no /NM, /P, /M; an xref stream update on top of the others)', async () => {
    const result = await readProof(reviewerC);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(reviewerC).subarray(0, readFileSync(reviewerB).length).equals(readFileSync(reviewerB))).toBe(true);
    expect(result.report.proofs[0].marks).toBe(13);
    const highlight = all(result.report).filter((correction) => correction.from.subtype === 'Highlight' && correction.marked === '加强自身建设');
    expect(highlight).toMatchObject([{ kind: 'comment', proof: { page: 6, column: 2 }, author: '' }]);
    expect(highlight[0].date).not.toBeNull();
    const [freeText] = byText(result.report, '请统一体例');
    const noted = findGlyphs({ page: 5, column: 2, before: '第5段。', target: '代表' })[0];
    expect(freeText).toMatchObject({ kind: 'comment', proof: { page: 5, column: 2, line: printedLineNumber(5, 2, noted) }, from: { subtype: 'FreeText' } });
  });
});

describe('read-proof --apply', () => {
  let first: Awaited<ReturnType<typeof readProof>>;
  let second: Awaited<ReturnType<typeof readProof>>;
  let afterFirst: string;
  beforeAll(async () => {
    first = await readProof(reviewerB, '--apply');
    afterFirst = readFileSync(articlePath, 'utf8');
    second = await readProof(reviewerB, '--apply');
  }, 60_000);

  it('makes exactly the marked edits in the Markdown, and no comment', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(afterFirst).toBe(withEdits(original, ['replace', 'deleteTwoLines', 'insert', 'replaceTwoLines']));
    expect(first.report.counts.byStatus).toEqual({ pending: 0, applied: 4, conflict: 0, comment: 7 });
    expect(git('status', '--porcelain', '--', 'issues')).toBe(`M ${article}`);
  });

  it('recognises its edits the second time and changes nothing', () => {
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(articlePath, 'utf8')).toBe(afterFirst);
    expect(second.report.counts.byStatus).toEqual({ pending: 0, applied: 4, conflict: 0, comment: 7 });
  });

  it('the next proof, since the marked revision, prints the corrections', async () => {
    const rebuilt = await runCli(['mini', '--root', root, '--proof', '--round', '2', '--since', revision]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const text = squeeze(pageTexts(proofPdf).join(''));
    for (const expected of [
      '第1段。代表联系站',
      '是党领导国家政权机关的基层立法联系点',
      '第4段。（插入）人民代表',
      '第14段。各级人大及其常委会要依法履职，强化监督',
    ])
      expect(text).toContain(expected);
    const report = JSON.parse(readFileSync(join(dist, 'mini-proof-report.json'), 'utf8')) as {
      articles: { entries: { kind: string; source: { line: number } }[] }[];
    };
    const changed = report.articles
      .flatMap((entry) => entry.entries)
      .filter((entry) => entry.kind === 'change')
      .map((entry) => entry.source.line);
    for (const name of Object.keys(edits) as EditName[]) expect(changed).toContain(sourcePlace(original, edits[name]).line);
  }, 120_000);

  it('leaves an edit whose marked text changed since the proof as a conflict, and applies the others where they moved', async () => {
    // The author rewrote the first paragraph's marked words and added a sentence above the others.
    const edited = original.replace('第1段。代表联络站', '第1段。代表工作站').replace('## 一、背景与意义\n', '## 一、背景与意义\n\n新增的一段。\n');
    writeFileSync(articlePath, edited);
    const result = await readProof(reviewerB, '--apply');
    expect(result.code).toBe(7);
    const [conflict] = byText(result.report, '联系站');
    expect(conflict).toMatchObject({ status: 'conflict', marked: '联络站' });
    expect(conflict.reason).toContain('no longer there');
    expect(result.report.counts.byStatus).toEqual({ pending: 0, applied: 3, conflict: 1, comment: 7 });
    expect(readFileSync(articlePath, 'utf8')).toBe(withEdits(edited, ['deleteTwoLines', 'insert', 'replaceTwoLines']));
  });
});

describe('read-proof refuses what is not a marked proof of the issue', () => {
  it('a proof without marks: exit 0, and the report says so', async () => {
    const result = await readProof(proofPdf);
    expect(result.code, result.stderr).toBe(0);
    expect(result.report.summary).toBe('no marks in the proof');
    expect(all(result.report)).toEqual([]);
  });

  it('a file that is not a PDF, a PDF with no line map, a proof of another issue: exit 3 naming the file', async () => {
    const notPdf = await readProof(join(root, 'periodical.yaml'));
    expect(notPdf.code).toBe(3);
    expect(notPdf.stderr).toMatch(/periodical\.yaml: not a readable PDF/);
    const print = await readProof(join(dist, 'mini.pdf'));
    expect(print.code).toBe(3);
    expect(print.stderr).toMatch(/mini\.pdf: not a paiban proof/);
    let stderr = '';
    const other = await readProofCommand(['foreign', '--root', root, proofPdf], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
    });
    expect(other).toBe(3);
    expect(stderr).toMatch(/a proof of issue mini, not of foreign/);
  });
});
