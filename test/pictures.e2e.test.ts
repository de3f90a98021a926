/**
 * Pictures end to end, on real Chromium and Ghostscript, through the command line: an issue with photos of every
 * kind (test/helpers/writePictureIssue.ts, pictures made at test time) built with --preflight, and the PDFs read
 * as a printer's tools read them: pdfimages, the drawn image boxes, pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodicalSchema } from '../src/manifest/schemas.js';
import { typeArea } from '../src/render/typeArea.js';
import { parseImageList } from '../src/preflight/parseImageList.js';
import { pdfImageBoxes, type ImageBox } from './helpers/pdfImageBoxes.js';
import { groupLines, pageTexts, pdfWords, squeeze } from './helpers/pdfTools.js';
import { runCli, type CliResult } from './helpers/runCli.js';
import { makeTempProject } from './helpers/tempProject.js';
import { pictureFiles, writePictureIssue } from './helpers/writePictureIssue.js';

// Every check on: a column figure that does not fit the rest of a column floats past the text that fills it
// (floatColumnFigures.ts), wide figures to the top of a page (test/wideFigures.e2e.test.ts); figures, tables and their
// captions take whole lines (fitBlocksToGrid.ts).
const settings = 'remoteImages: warn\nfigures:\n  numbering: true\n';
const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

const ptPerMm = 72 / 25.4;
/** The fixture's page and grid are paiban's defaults. */
const periodical = periodicalSchema.parse({ title: 't', publisher: 'p' });
const area = typeArea(periodical);
const bleedPt = periodical.page.bleed * ptPerMm;
const columnWidthPt = periodical.grid.columnChars * periodical.type.bodySize;
const columnHeightPt = periodical.grid.lines * periodical.type.linePitch;

/** The type area of a page in PDF points (origin at the MediaBox's lower left; odd pages are right-hand pages). */
function typeAreaOf(page: number) {
  const inner = periodical.page.marginInner * ptPerMm;
  const outer = area.outer * ptPerMm;
  const left = bleedPt + (page % 2 === 1 ? inner : outer);
  const top = bleedPt + (periodical.page.height - periodical.page.marginTop) * ptPerMm;
  return { left, right: left + area.width * ptPerMm, top, bottom: top - area.height * ptPerMm };
}

const images = (pdf: string) => parseImageList(execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })).filter((image) => image.type === 'image');

describe('an issue with pictures', () => {
  let root: string;
  let build: CliResult;
  let boxes: ImageBox[];
  let server: Server;
  const requests: string[] = [];
  const pdf = () => join(root, 'dist', 'pictures.pdf');

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    root = makeTempProject(settings);
    roots.push(root);
    writePictureIssue(root, { remoteOrigin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    build = await runCli(['pictures', '--root', root, '--preflight']);
    boxes = await pdfImageBoxes(pdf());
  });
  afterAll(() => server.close());

  it('builds with no finding of the check, and the press PDFs pass the preflight', () => {
    expect(build.code, build.stderr + build.stdout).toBe(0);
    const report = JSON.parse(readFileSync(join(root, 'dist', 'pictures.check.json'), 'utf8')) as { findings: unknown[] };
    expect(report.findings).toEqual([]);
    expect(build.stdout).toMatch(/preflight of .*pictures-press\.pdf: PASS/);
    const listed = /^images\s+PASS\s+5 images \(cmyk, gray\), lowest .*, ink limit 300 %: p\d+ 1200 × 800 cmyk 392 ppi ink \d+ %; p\d+ 1000 × 600 gray/m;
    expect(build.stdout).toMatch(listed);
  });

  it('places every picture once, inside the type area, column-wide or across both columns at a page top with {.wide}, none taller than a column', () => {
    const count = Object.keys(pictureFiles).length;
    expect(images(pdf())).toHaveLength(count);
    expect(boxes).toHaveLength(count);
    for (const box of boxes) {
      const typeArea = typeAreaOf(box.page);
      expect(box.left, JSON.stringify(box)).toBeGreaterThanOrEqual(typeArea.left - 1);
      expect(box.right, JSON.stringify(box)).toBeLessThanOrEqual(typeArea.right + 1);
      expect(box.top, JSON.stringify(box)).toBeLessThanOrEqual(typeArea.top + 1);
      expect(box.bottom, JSON.stringify(box)).toBeGreaterThanOrEqual(typeArea.bottom - 1);
      expect(box.top - box.bottom).toBeLessThanOrEqual(columnHeightPt);
    }
    const widths = boxes.map((box) => box.right - box.left);
    // Photo, chart and logo in a column, in source order; the tower scaled down to half a column's height, centred in
    // its column; the panorama wide (drawn first on its page, at its top, wherever the tower falls).
    for (const index of [0, 1, 2]) expect(widths[index]).toBeCloseTo(columnWidthPt, 0);
    const tower = boxes.find((box) => box.right - box.left < columnWidthPt / 2) as ImageBox;
    expect(tower.top - tower.bottom).toBeCloseTo(columnHeightPt / 2, 0);
    const middle = (tower.left + tower.right) / 2 - typeAreaOf(tower.page).left;
    expect([columnWidthPt / 2, area.width * ptPerMm - columnWidthPt / 2].some((column) => Math.abs(middle - column) < 1)).toBe(true);
    const panorama = boxes.find((box) => Math.abs(box.right - box.left - area.width * ptPerMm) < 1) as ImageBox;
    // The panorama floated to the top of a page's type area.
    expect(panorama.top).toBeCloseTo(typeAreaOf(panorama.page).top, 0);
  });

  it('prints each numbered caption on the page of its picture', () => {
    const texts = pageTexts(pdf()).map(squeeze);
    const captions = ['图1会议现场', '图2各地统计图表（灰度）', '图3带透明背景的会徽', '图4很高的建筑', '图5跨栏全景'];
    const pages = captions.map((caption) => texts.findIndex((text) => text.includes(caption)) + 1);
    // The pictures as drawn, page by page (a wide one first on its page): the same pages as their captions.
    expect(boxes.map((box) => box.page)).toEqual([...pages].sort((a, b) => a - b));
  });

  it('keeps every row of the wide table', () => {
    const text = squeeze(pageTexts(pdf()).join(''));
    for (let row = 1; row <= 12; row++) expect(text).toContain(`${row}.1${row}.2${row}.3`);
  });

  it('prints every press picture in CMYK or grey, grey pictures on grey only', () => {
    const press = images(join(root, 'dist', 'pictures-press.pdf'));
    expect(press).toHaveLength(Object.keys(pictureFiles).length);
    // The chart and the tower (by their pixel sizes) are the grey ones.
    const grey = press.filter((image) => image.colour === 'gray').map((image) => [image.width, image.height]);
    expect(press.every((image) => ['cmyk', 'gray'].includes(image.colour))).toBe(true);
    expect(grey).toEqual(expect.arrayContaining([pictureFiles['chart-gray.png'], pictureFiles['tower-tall.png']]));
    expect(grey).toHaveLength(2);
  });

  it('prints inline HTML as formatting, drops comments, and leaves remote pictures out without a gap or a request', () => {
    const texts = pageTexts(pdf());
    const page = texts.findIndex((text) => text.includes('最后一段')) + 1;
    const text = squeeze(texts[page - 1]);
    expect(text).toContain('这是下划线文字，水的化学式是H2O，面积单位是m2。');
    for (const absent of ['<u>', '</u>', '<sub>', '<sup>', '<!--', '-->', 'INFOEND', '多行注释']) expect(text).not.toContain(absent);
    expect(requests).toEqual([]);
    for (const file of ['remote-photo.png', 'inline.png']) expect(build.stderr.split(file).length - 1, file).toBe(1);
    expect(build.stderr).toMatch(/02-everyday\.md:\d+: remote image http:\/\/127\.0\.0\.1:\d+\/remote-photo\.png is not fetched/);
    expect(build.stderr).not.toContain('blocked');
    // One column: every line of the body one line pitch below the one before, where the picture was too.
    // The raised and lowered digits of m² and H₂O are words of their own, beside the line.
    const lines = groupLines(pdfWords(pdf(), page)).filter((line) => !/^\d$/.test(line.text));
    const first = lines.findIndex((line) => line.text.startsWith('这是'));
    const last = lines.findIndex((line) => line.text.startsWith('最后一段'));
    expect(last - first).toBeGreaterThanOrEqual(2);
    for (let index = first + 1; index <= last; index++) {
      expect(lines[index].yMin - lines[index - 1].yMin).toBeCloseTo(periodical.type.linePitch, 0);
    }
  });
});

describe('an issue with low-resolution pictures', () => {
  it('warns below 300 ppi naming file, line, image and ppi; below 150 ppi it is a finding; the preflight fails', async () => {
    const root = makeTempProject(`${settings}press:\n  inkLimit: 250\n`);
    roots.push(root);
    writePictureIssue(root, { lowResolution: true });
    const source = readFileSync(join(root, 'issues', 'pictures', '01-photos.md'), 'utf8').split('\n');
    const lineOf = (file: string) => source.findIndex((line) => line.includes(file)) + 1;
    const result = await runCli(['pictures', '--root', root, '--preflight']);
    expect(result.code).toBe(7);
    expect(result.stderr).toContain(`01-photos.md:${lineOf('scan-lowres.png')}: image scan-lowres.png prints at 65 ppi (200 × 150 px placed at 77.8 × 58.3 mm`);
    expect(result.stderr).toContain(`01-photos.md:${lineOf('photo-midres.jpg')}: image photo-midres.jpg prints at 229 ppi`);
    type Report = { findings: { rule: string; excerpt: string; line: number }[] };
    const report = JSON.parse(readFileSync(join(root, 'dist', 'pictures.check.json'), 'utf8')) as Report;
    const lowResolution = report.findings.filter((finding) => finding.rule === 'image-resolution');
    expect(lowResolution.map((finding) => [finding.excerpt, finding.line])).toEqual([['scan-lowres.png', lineOf('scan-lowres.png')]]);
    expect(result.stdout).toMatch(/^images\s+FAIL\s+.*200 × 150 px image at 65 × 65 ppi, below 300/m);
    // press.inkLimit 250 is below what the converted photos need (about 265 %): each is flagged.
    expect(result.stdout).toMatch(/^images\s+FAIL\s+.*1200 × 800 px cmyk image with \d+ % ink, above the 250 % limit/m);
    expect(result.stdout).not.toMatch(/^images\s+FAIL\s+.*gray image with/m);
    const strict = await runCli(['pictures', '--root', root, '--strict', '--out', join(root, 'strict', 'pictures.pdf')]);
    expect(strict.code).toBe(7);
    // The same issue without the low-resolution pictures has no finding at all (above): this one is the scan's.
    expect(strict.stderr).toMatch(/--strict: 1 typography finding;/);
  }, 180_000);
});
