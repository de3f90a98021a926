import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFStream, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToPdfX } from '../src/press/convertToPdfX.js';
import { parseOperations, replaceOperations } from '../src/press/parseOperations.js';
import { readPageContent } from '../src/press/pdfObjects.js';
import { runTool } from '../src/press/runTool.js';
import { UserError } from '../src/UserError.js';
import {
  convertWithPlainGhostscript,
  editPdf,
  inkCoverage,
  launchTestBrowser,
  periodicalPages,
  printPages,
  setTrimAndBleed,
  themeColour,
} from './helpers/makeTestPdf.js';
import { pageTexts, pdfFonts, pdfInfo, squeeze } from './helpers/pdfTools.js';

const title = '测试期刊 2024年第4期';
let directory: string;
let input: string;
let output: string;
let transparent: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'paiban-press-'));
  const browser = await launchTestBrowser();
  try {
    input = await setTrimAndBleed(await printPages(browser, join(directory, 'periodical.pdf'), periodicalPages));
    transparent = await printPages(browser, join(directory, 'transparent.pdf'), ['<p style="opacity: 0.5">半透明的文字</p>']);
  } finally {
    await browser.close();
  }
  output = join(directory, 'periodical-x1a.pdf');
  await convertToPdfX(input, output, { title, spotColours: [themeColour] });
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('convertToPdfX', () => {
  it('declares PDF/X-1a:2001 with an embedded CMYK OutputIntent and the title, in PDF 1.3', async () => {
    const info = pdfInfo(output);
    expect(info['PDF subtype']).toBe('PDF/X-1a:2001');
    expect(info['PDF version']).toBe('1.3');
    expect(info.Title).toBe(title);
    const document = await PDFDocument.load(readFileSync(output));
    const intents = document.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.lookup(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFX'));
    expect(intent.lookup(PDFName.of('OutputConditionIdentifier'), PDFString).decodeText()).toBe('CGATS TR 001');
    const profile = intent.lookup(PDFName.of('DestOutputProfile'), PDFStream);
    expect(profile.dict.lookup(PDFName.of('N'), PDFNumber).asNumber()).toBe(4);
    // Chromium's link annotation is gone: PDF/X-1a forbids annotations inside the BleedBox.
    expect(document.getPages().map((page) => page.node.Annots())).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('prints black and grey text on the black plate only, where plain Ghostscript makes rich black', () => {
    const [, black, grey] = inkCoverage(output);
    for (const [cyan, magenta, yellow, key] of [black, grey]) {
      expect([cyan, magenta, yellow]).toEqual([0, 0, 0]);
      expect(key).toBeGreaterThan(0);
    }
    const [, richBlack] = inkCoverage(convertWithPlainGhostscript(input, join(directory, 'plain-gs.pdf')));
    expect(Math.min(...richBlack.slice(0, 3))).toBeGreaterThan(0);
  });

  it('writes the theme colour as its CMYK fill and stroke operators, and no other colour', async () => {
    const document = await PDFDocument.load(readFileSync(output));
    const colours = parseOperations(readPageContent(document.getPage(0))).filter(({ operator }) => operator === 'k' || operator === 'K');
    const expected = themeColour.cmyk.map((ink) => ink / 100);
    // Ghostscript writes every colour at its internal precision (85 % → 0.849609, measured): within 0.1 %.
    const isTheme = (operands: string[]) => operands.every((ink, index) => Math.abs(Number(ink) - expected[index]) <= 0.001);
    expect(
      colours
        .filter(({ operands }) => isTheme(operands))
        .map(({ operator }) => operator)
        .sort(),
    ).toEqual(['K', 'k']);
    expect(colours.filter(({ operands }) => !isTheme(operands))).toEqual([]);
  });

  it('keeps the fonts as embedded CID TrueType subsets, and the page count, text and boxes', async () => {
    expect(pdfFonts(output)).toEqual([
      expect.objectContaining({ type: 'CID TrueType', embedded: true, subset: true, name: expect.stringMatching(/\+NotoSerifSC-Regular$/) }),
    ]);
    // Ghostscript alone reads 第⼆⻚ for 第二页 and garbles 、。 and the one-glyph "——" (repairToUnicode).
    expect(pageTexts(output).map(squeeze)).toEqual(pageTexts(input).map(squeeze));
    expect(squeeze(pageTexts(output)[1])).toMatch(/^第二页期刊排版讲究版心、字距与行距的统一——破折号占两字。/);
    const [before, after] = await Promise.all([input, output].map(async (file) => PDFDocument.load(readFileSync(file))));
    expect(after.getPageCount()).toBe(before.getPageCount());
    after.getPages().forEach((page, index) => {
      const original = before.getPage(index);
      // Ghostscript moves the MediaBox origin to 0 0 and the other boxes with it: compare sizes and offsets.
      for (const box of ['getTrimBox', 'getBleedBox'] as const) {
        const [was, is] = [original[box](), page[box]()];
        expect(is.width).toBeCloseTo(was.width, 1);
        expect(is.height).toBeCloseTo(was.height, 1);
        expect(is.x - page.getMediaBox().x).toBeCloseTo(was.x - original.getMediaBox().x, 1);
        expect(is.y - page.getMediaBox().y).toBeCloseTo(was.y - original.getMediaBox().y, 1);
      }
    });
    expect(readdirSync(directory).filter((name) => name.startsWith('.paiban-press-'))).toEqual([]);
  });

  it('rewrites black inside form XObjects too', async () => {
    const formInput = await editPdf(input, join(directory, 'form.pdf'), async (document) => {
      const [form] = await document.embedPdf(readFileSync(input), [1]);
      const page = document.addPage([form.width, form.height]);
      page.drawPage(form);
    });
    const formOutput = join(directory, 'form-x1a.pdf');
    await convertToPdfX(formInput, formOutput, { title, spotColours: [themeColour] });
    const [cyan, magenta, yellow, key] = inkCoverage(formOutput)[4];
    expect([cyan, magenta, yellow]).toEqual([0, 0, 0]);
    expect(key).toBeGreaterThan(0);
  });

  it('refuses transparency, which Ghostscript would flatten into an image', async () => {
    const result = convertToPdfX(transparent, join(directory, 'transparent-x1a.pdf'), { title });
    await expect(result).rejects.toThrow(UserError);
    await expect(result).rejects.toThrow(/transparency.*page 1 \(ca 0\.5/);
  });

  it('refuses an output profile that is not CMYK, and writes nothing', async () => {
    const target = join(directory, 'srgb-x1a.pdf');
    await expect(convertToPdfX(input, target, { title, iccProfile: '/usr/share/color/icc/ghostscript/srgb.icc' })).rejects.toThrow(/not a CMYK ICC profile/);
    expect(readdirSync(directory).filter((name) => name.startsWith('srgb-x1a') || name.startsWith('.paiban-press-'))).toEqual([]);
  });
});

describe('parseOperations', () => {
  it('rewrites operators, not text in strings or inline image data', () => {
    const content = 'BT (0 0 0 rg) Tj ET\nBI /W 1 /H 1 /CS /RGB /BPC 8 ID 0 0 0 rg EI\n0 0 0 rg .5 .5 .5 RG';
    const rewritten = replaceOperations(content, ({ operator, operands }) =>
      operator === 'rg' || operator === 'RG' ? `${operands[0]} ${operator === 'rg' ? 'g' : 'G'}` : undefined,
    );
    expect(rewritten).toBe('BT (0 0 0 rg) Tj ET\nBI /W 1 /H 1 /CS /RGB /BPC 8 ID 0 0 0 rg EI\n0 g .5 G');
  });
});

describe('runTool', () => {
  it('names a missing tool and quotes the first error line of a failing one', async () => {
    await expect(runTool('paiban-no-such-tool', [])).rejects.toThrow(/paiban-no-such-tool is not installed/);
    await expect(runTool('gs', ['-q', '-dSAFER', '-o', '/dev/null', '-sDEVICE=pdfwrite', '-c', 'garbage'])).rejects.toThrow(
      /gs garbage failed: Error: \/undefined in garbage/,
    );
  });
});
