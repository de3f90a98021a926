/**
 * The figure check on real Paged.js in real Chromium: an issue whose articles each break one figure rule, with a
 * stylesheet appended that undoes, in that article only, the house CSS preventing it (as checkTypography.e2e.test.ts
 * does); the first article breaks none.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '../src/chromium/findChrome.js';
import { launchBrowser } from '../src/chromium/launchBrowser.js';
import { checkFigures, type FigureReport } from '../src/check/checkFigures.js';
import { pageScriptFile } from '../src/chromium/callPage.js';
import { paginate } from '../src/paginate/paginate.js';
import { prepareIssue } from '../src/prepareIssue.js';
import { writeJpeg } from './helpers/makePictures.js';
import { makeTempProject } from './helpers/tempProject.js';

const paragraph = '会议强调，要坚持正确办刊方向，提高刊物质量，做好“三审三校”工作，确保出版物内容准确、格式规范，推动工作高质量发展。';
const articles: Record<string, string> = {
  '01-clean.md': `如图1所示。\n\n![会场](photo.jpg)\n\n${paragraph}`,
  // 图1 named at the start, its figure some five pages later.
  '02-far.md': `见图1。\n\n${Array.from({ length: 70 }, () => paragraph).join('\n\n')}\n\n![远处的图](photo.jpg)`,
  '03-too-wide.md': `${paragraph}\n\n![太宽的图](photo.jpg)\n\n${paragraph}`,
  '04-caption-apart.md': `${paragraph}\n\n![图注离开了图](photo.jpg)\n\n${paragraph}`,
  // A wide figure between two paragraphs, left in place: the handler that floats it to the page's top is left out.
  '05-wide-in-place.md': `${paragraph}\n\n![留在页中的跨栏图](wide.jpg){.wide}\n\n${paragraph}`,
};
/**
 * What each article's rule needs undone: figures held to their column, captions kept under their picture (and wide
 * figures floated to the top of their page: the script doing it is served empty, below).
 */
const brokenCss = `
  article[data-article="a1-3"] .article-body img { width: 150%; max-width: none; }
  article[data-article="a1-4"] figcaption { margin-top: 40mm; }
`;

let browser: Browser | undefined;
let report: FigureReport;
let root: string;

beforeAll(async () => {
  root = makeTempProject('figures:\n  numbering: true\n');
  const dir = join(root, 'issues', 'figures');
  mkdirSync(dir);
  writeJpeg(join(dir, 'photo.jpg'), 1200, 800);
  writeJpeg(join(dir, 'wide.jpg'), 2400, 900);
  for (const [file, body] of Object.entries(articles)) writeFileSync(join(dir, file), `---\ntitle: ${file}\n---\n${body}\n`);
  const list = Object.keys(articles).map((file) => `      - ${file}`);
  writeFileSync(
    join(dir, 'issue.yaml'),
    ['year: 2025', 'number: 3', 'date: 2025-09-01', 'sections:', '  - title: 图', '    articles:', ...list, ''].join('\n'),
  );
  browser = await launchBrowser(findChrome());
  const { document } = await prepareIssue({ root, issueId: 'figures', warn: () => undefined });
  const house = document.assets.get('issue.css')!;
  document.assets.set('issue.css', { ...house, body: `${house.body}\n${brokenCss}` });
  // The page script without the handler that floats wide figures (src/page/entries/paginate.ts registers it alone).
  const script = readFileSync(pageScriptFile('paginate'), 'utf8');
  const registration = 'Paged.registerHandlers(WideFigureFloats);';
  expect(script).toContain(registration);
  document.assets.set('paginate.js', { body: script.replace(registration, ''), contentType: 'text/javascript' });
  report = (await paginate(browser!, document, { inspect: checkFigures })).inspection;
});

afterAll(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

const findingsOf = (file: string) => report.findings.filter((finding) => finding.article?.endsWith(file)).map((finding) => finding.rule);

describe('figure check', () => {
  it('measures every picture at its placed size: 1200 px across a 77.8 mm column is 392 ppi', () => {
    expect(report.pictures).toHaveLength(5);
    const clean = report.pictures.find((picture) => picture.article?.endsWith('01-clean.md'))!;
    expect(clean).toMatchObject({ src: 'photo.jpg', pixels: [1200, 800], placedMm: [77.8, 51.9], ppi: 392, line: 6 });
    // Only the picture stretched to 150 % of the column drops below 300 ppi.
    const stretched = /03-too-wide\.md:6: image photo\.jpg prints at 261 ppi \(1200 × 800 px placed at 116\.7 × 77\.8 mm on page \d+\), below 300 ppi/;
    expect(report.warnings).toEqual([expect.stringMatching(stretched)]);
  });

  it('finds nothing on a figure set as the house CSS sets it', () => {
    expect(findingsOf('01-clean.md')).toEqual([]);
  });

  it('finds a figure far from where the text first names it', () => {
    expect(findingsOf('02-far.md')).toEqual(['figure-far-from-reference']);
    expect(report.findings.find((finding) => finding.rule === 'figure-far-from-reference')?.detail).toMatch(/^图1 is first named on page \d+$/);
  });

  it('finds a picture wider than its column, and a caption apart from its picture', () => {
    expect(findingsOf('03-too-wide.md')).toEqual(['figure-too-wide']);
    expect(findingsOf('04-caption-apart.md')).toEqual(['caption-separated']);
  });

  it('finds a wide figure left in the middle of its page', () => {
    expect(findingsOf('05-wide-in-place.md')).toEqual(['wide-figure-not-at-top']);
  });
});
