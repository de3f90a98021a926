import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToPdfX } from '../src/press/convertToPdfX.js';
import { formatPreflightTable, runPreflight, type PreflightReport } from '../src/preflight/runPreflight.js';
import {
  convertWithPlainGhostscript,
  editPdf,
  findCffFont,
  launchTestBrowser,
  periodicalPages,
  pressExpectations,
  printPages,
  samplePng,
  setTrimAndBleed,
  themeColour,
} from './helpers/makeTestPdf.js';

let directory: string;
/** Fixture name → PDF path. */
const pdfs: Record<string, string> = {};

const blankPages = ['<p>二</p>', '<p>三</p>', '<p>四</p>'];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'paiban-preflight-'));
  const cffFont = findCffFont();
  if (!cffFont) throw new Error('no CFF (.otf) font installed to make a Type 3 font with; apt-get install -y fonts-urw-base35');
  const file = (name: string) => join(directory, `${name}.pdf`);
  const browser = await launchTestBrowser();
  try {
    pdfs.chromium = await setTrimAndBleed(await printPages(browser, file('chromium'), periodicalPages));
    pdfs.rgbImage = await setTrimAndBleed(
      await printPages(browser, file('rgb-image'), [`<img src="file://${samplePng}" style="width: 170mm">`, ...blankPages]),
    );
    pdfs.type3Source = await setTrimAndBleed(
      await printPages(browser, file('type3-source'), ['<p>Type three text</p>', '<p>2</p>', '<p>3</p>', '<p>4</p>'], cffFont),
    );
    pdfs.transparency = await setTrimAndBleed(await printPages(browser, file('transparency'), ['<p style="opacity: 0.5">半透明的文字</p>', ...blankPages]));
  } finally {
    await browser.close();
  }
  const press = { title: '测试期刊', spotColours: [themeColour] };
  pdfs.good = file('good');
  pdfs.type3 = file('type3');
  await Promise.all([convertToPdfX(pdfs.chromium, pdfs.good, press), convertToPdfX(pdfs.type3Source, pdfs.type3, press)]);
  pdfs.richBlack = convertWithPlainGhostscript(pdfs.chromium, file('rich-black'));
  pdfs.noTrimBox = await editPdf(pdfs.good, file('no-trimbox'), (document) => {
    document.getPage(1).node.delete(PDFName.of('TrimBox'));
  });
  // Any pdf-lib save after the conversion, e.g. a finishing step run in the wrong order.
  pdfs.resaved = file('resaved');
  writeFileSync(pdfs.resaved, await (await PDFDocument.load(readFileSync(pdfs.good))).save());
  pdfs.fivePages = await editPdf(pdfs.good, file('five-pages'), async (document) => {
    const [copy] = await document.copyPages(document, [3]);
    document.addPage(copy);
  });
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const failing = (report: PreflightReport) => report.checks.filter((check) => !check.pass).map((check) => check.name);
const check = (report: PreflightReport, name: string) => report.checks.find((found) => found.name === name)!;

describe('runPreflight', () => {
  it('passes the converted PDF/X-1a file, every check with its figures', async () => {
    const report = await runPreflight(pdfs.good, pressExpectations);
    expect(failing(report)).toEqual([]);
    expect(report.pass).toBe(true);
    expect(report.checks.map((found) => found.name)).toEqual([
      'page boxes',
      'page count',
      'fonts',
      'black on K only',
      'colour spaces',
      'transparency',
      'images',
      'PDF/X',
      'structure',
    ]);
    expect(check(report, 'page boxes').detail).toMatch(/4 pages: TrimBox 595\.28 × 807\.87 pt .*BleedBox 612\.28 × 824\.88 pt/);
    expect(check(report, 'black on K only').detail).toBe('3 pages black on K only, 1 with declared colours (C0 M85 Y75 K10), 0 with images');
    expect(check(report, 'fonts').detail).toMatch(/NotoSerifSC-Regular \(CID TrueType\); all embedded subsets/);
    expect(check(report, 'PDF/X').detail).toMatch(/^PDF\/X-1a:2001 in a PDF 1\.3 file, OutputIntent CGATS TR 001/);
  });

  it('catches an RGB image below 300 ppi (images) and RGB colour (colour spaces)', async () => {
    const report = await runPreflight(pdfs.rgbImage, pressExpectations);
    expect(check(report, 'images')).toMatchObject({ pass: false, pages: [1] });
    expect(check(report, 'images').detail).toMatch(/1069 × 381 px image at \d+ × \d+ ppi, below 300.*icc image \(3 components\), not CMYK or grey/);
    expect(check(report, 'colour spaces')).toMatchObject({ pass: false });
    expect(check(report, 'colour spaces').detail).toMatch(/ICCBased N=3/);
  });

  it('catches a Type 3 font (fonts)', async () => {
    const report = await runPreflight(pdfs.type3, pressExpectations);
    expect(failing(report)).toEqual(['fonts']);
    expect(check(report, 'fonts').detail).toMatch(/\[none\] is Type 3/);
  });

  it('catches a missing TrimBox (page boxes)', async () => {
    const report = await runPreflight(pdfs.noTrimBox, pressExpectations);
    expect(failing(report)).toEqual(['page boxes']);
    expect(check(report, 'page boxes')).toMatchObject({ pages: [2] });
    expect(check(report, 'page boxes').detail).toMatch(/^page 2: no TrimBox \(page 612\.28 × 824\.88 pt\)/);
  });

  it('catches rich black from a plain Ghostscript conversion (black on K only)', async () => {
    const report = await runPreflight(pdfs.richBlack, { ...pressExpectations, requirePdfX: false });
    expect(check(report, 'black on K only')).toMatchObject({ pass: false, pages: [1, 2, 3, 4] });
    expect(check(report, 'black on K only').detail).toMatch(/colour C\d+ M\d+ Y\d+ K\d+.* not declared/);
  });

  it('catches transparency (transparency)', async () => {
    const report = await runPreflight(pdfs.transparency, pressExpectations);
    expect(check(report, 'transparency')).toMatchObject({ pass: false, pages: [1] });
    expect(check(report, 'transparency').detail).toMatch(/^page 1: ca 0\.5/);
  });

  it('catches a page count that is not a multiple of 4 (page count)', async () => {
    const report = await runPreflight(pdfs.fivePages, pressExpectations);
    expect(failing(report)).toEqual(['page count']);
    expect(check(report, 'page count').detail).toBe('5 pages, not a multiple of 4: 3 blank pages to add');
  });

  it('catches a PDF/X-1a file saved again by pdf-lib, which writes PDF 1.7 (PDF/X)', async () => {
    const report = await runPreflight(pdfs.resaved, pressExpectations);
    expect(failing(report)).toEqual(['PDF/X']);
    expect(check(report, 'PDF/X').detail).toBe('PDF 1.7 file, but PDF/X-1a:2001 allows PDF 1.3 at most');
  });
});

describe('formatPreflightTable', () => {
  it('aligns check, result and detail in columns', async () => {
    const table = formatPreflightTable(await runPreflight(pdfs.fivePages, pressExpectations));
    const [heading, header, ...rows] = table.split('\n');
    expect(heading).toBe(`preflight of ${pdfs.fivePages}: FAIL (1 of 9 checks)`);
    const resultColumn = header.indexOf('result');
    expect(rows.map((row) => row.slice(resultColumn, resultColumn + 4))).toEqual(['PASS', 'FAIL', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
    expect(rows[1]).toMatch(/^page count +FAIL {4}5 pages/);
  });
});
