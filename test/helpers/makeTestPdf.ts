/** Real Chromium PDFs for the press and preflight tests: HTML printed by puppeteer, boxes set with pdf-lib. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { SpotColour } from '../../src/manifest/themeColours.js';
import type { PreflightExpectations } from '../../src/preflight/runPreflight.js';

const repository = join(import.meta.dirname, '..', '..');
export const notoSerifSc = join(repository, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
/** A 1069 × 381 px RGB PNG shipped with the font package. */
export const samplePng = `${notoSerifSc}.png`;

/** The theme colour: written by the templates as this placeholder RGB, printed as this CMYK. */
export const themeColour: SpotColour = { rgb: [200, 30, 40], cmyk: [0, 85, 75, 10] };
const theme = `rgb(${themeColour.rgb.join(', ')})`;

export const trimMm = { width: 210, height: 285 };
export const bleedMm = 3;

export const pressExpectations: PreflightExpectations = {
  trimMm,
  bleedMm,
  pageMultiple: 4,
  minImagePpi: 300,
  requirePdfX: true,
  declaredFonts: ['NotoSerifSC'],
  declaredColours: [themeColour.cmyk],
};

const paragraph = '期刊排版讲究版心、字距与行距的统一——破折号占两字。正文用宋体，黑色文字只用黑版印刷，避免四色叠印造成套印不准。'.repeat(4);

/**
 * Four pages: 1 theme-coloured heading, rule, bar and stroked SVG line with black text and a link; 2 black text and a black rule;
 * 3 grey text; 4 black text. Headings stay at weight 400: Chromium writes synthetic bold as Type 3 (measured).
 */
export const periodicalPages = [
  `<p style="color: ${theme}; font-size: 18pt">第一页 期刊标题</p><hr style="border: 0; border-top: 1pt solid ${theme}"><div style="height: 3mm; background: ${theme}"></div><svg width="200" height="10"><line x1="0" y1="5" x2="200" y2="5" stroke="${theme}" stroke-width="2"/></svg><p>${paragraph}</p><p><a href="https://example.com/">链接文字</a></p>`,
  `<p>第二页 ${paragraph}</p><hr style="border: 0; border-top: 0.5pt solid #000"><p>${paragraph}</p>`,
  `<p style="color: #666">第三页 灰色文字 ${paragraph}</p><p>${paragraph}</p>`,
  `<p>第四页 ${paragraph}</p>`,
];

export async function launchTestBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Prints one section per page to `pdf` (Chromium's page: 210 × 285 mm), in the given font, black text. */
export async function printPages(browser: Browser, pdf: string, pages: readonly string[], fontFile = notoSerifSc): Promise<string> {
  const html = pdf.replace(/\.pdf$/, '.html');
  writeFileSync(
    html,
    `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>测试期刊</title><style>
      @font-face { font-family: Body; src: url(${pathToFileURL(fontFile).href}); }
      @page { margin: 20mm; }
      body { margin: 0; font-family: Body; font-size: 10.5pt; line-height: 1.7; color: #000; }
      section + section { break-before: page; }
      a { color: inherit; text-decoration: none; }
    </style></head><body>${pages.map((page) => `<section>${page}</section>`).join('')}</body></html>`,
  );
  const page = await browser.newPage();
  try {
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    await page.pdf({ path: pdf, width: '210mm', height: '285mm', printBackground: true });
  } finally {
    await page.close();
  }
  return pdf;
}

/**
 * What the pipeline's print geometry step does: TrimBox = the trim size at the page's origin, BleedBox and
 * MediaBox the bleed larger on each side.
 */
export async function setTrimAndBleed(pdf: string): Promise<string> {
  const document = await PDFDocument.load(readFileSync(pdf));
  const pt = (mm: number) => (mm * 72) / 25.4;
  const [width, height, bleed] = [pt(trimMm.width), pt(trimMm.height), pt(bleedMm)];
  for (const page of document.getPages()) {
    page.setMediaBox(-bleed, -bleed, width + 2 * bleed, height + 2 * bleed);
    page.setCropBox(-bleed, -bleed, width + 2 * bleed, height + 2 * bleed);
    page.setBleedBox(-bleed, -bleed, width + 2 * bleed, height + 2 * bleed);
    page.setTrimBox(0, 0, width, height);
  }
  writeFileSync(pdf, await document.save());
  return pdf;
}

/**
 * Edits a PDF with pdf-lib and writes the result to `output`, keeping the input's %PDF-1.x header: pdf-lib always
 * writes %PDF-1.7, which would make an edited PDF/X-1a:2001 file fail a second check besides the one under test.
 */
export async function editPdf(input: string, output: string, edit: (document: PDFDocument) => void | Promise<void>): Promise<string> {
  const original = readFileSync(input);
  const document = await PDFDocument.load(original, { updateMetadata: false });
  await edit(document);
  const edited = await document.save({ useObjectStreams: false });
  edited.set(original.subarray(0, '%PDF-1.x'.length));
  writeFileSync(output, edited);
  return output;
}

/** Per-page C, M, Y, K coverage from Ghostscript's inkcov device. */
export function inkCoverage(pdf: string): number[][] {
  const output = execFileSync('gs', ['-q', '-o', '-', '-sDEVICE=inkcov', pdf], { encoding: 'utf8' });
  return [...output.matchAll(/^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+CMYK OK/gm)].map((match) => match.slice(1, 5).map(Number));
}

/** An installed CFF-outline font (.otf), which Chromium embeds as Type 3 (docs/typesetting.md §7). */
export function findCffFont(): string | undefined {
  const files = execFileSync('fc-list', [':fontformat=CFF', 'file'], { encoding: 'utf8' });
  return files
    .split('\n')
    .map((line) => line.replace(/:\s*$/, ''))
    .find((file) => file.endsWith('.otf'));
}

/** press-ready's route without the black rewrite: Ghostscript's CMYK conversion of Chromium's RGB (rich black). */
export function convertWithPlainGhostscript(input: string, output: string): string {
  execFileSync('gs', ['-q', '-o', output, '-sDEVICE=pdfwrite', '-sColorConversionStrategy=CMYK', '-sProcessColorModel=DeviceCMYK', input]);
  return output;
}
