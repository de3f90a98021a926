/**
 * The line adjustment (src/page/adjust/) in real Chromium and Paged.js, each issue paginated with
 * typesetting.adjust on and off and judged by the typography check and by the printed PDF. The fixture project
 * test/fixtures/technology holds `paragraphs` (paragraphs of issue 2024-4 that Chromium leaves loose, one of them
 * also set in Kai, whose face has no `halt`), `tech` (a technology issue full of Latin words and numbers) and
 * `hyphens` (a word an author hyphenated with &shy;, run over a page's foot; built with the adjustment on only),
 * `addresses` (sixteen pages whose every sentence holds a web or e-mail address, a handle, a path, an identifier or a
 * product name) and `mixed` (twenty pages of regulations, notices, news, a guide, an interview and briefs, with web and
 * e-mail addresses, paths, product names and model numbers where such texts have them; adjusted only).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '../src/chromium/findChrome.js';
import { launchBrowser } from '../src/chromium/launchBrowser.js';
import { checkTypography, type TypographyReport } from '../src/check/checkTypography.js';
import { loadFonts } from '../src/fonts/loadFonts.js';
import { loadIssue } from '../src/manifest/loadIssue.js';
import { paginate } from '../src/paginate/paginate.js';
import { renderDocument } from '../src/render/renderDocument.js';
import { groupLines, pageTexts, pdfFonts, pdfWords } from './helpers/pdfTools.js';

const fixture = join(import.meta.dirname, 'fixtures', 'technology');
/** The third article of `paragraphs` set in the Kai face, as a block quotation would be. */
const kaiCss = 'article[data-file$="03-kai.md"] .article-body p { font-family: paiban-kai, serif; }';

interface Built {
  report: TypographyReport;
  pdf: string;
  /** What the page says about the laid-out columns and the adjustments' spans. */
  page: { columnWidth: number; em: number; columnChars: number; kaiSpacing: number; kaiHalt: number };
}

let browser: Browser | undefined;
const out = mkdtempSync(join(tmpdir(), 'paiban-adjust-'));
const built = new Map<string, Built>();

async function build(issueId: string, adjust: boolean): Promise<Built> {
  const issue = await loadIssue(fixture, issueId);
  issue.periodical.typesetting.adjust = adjust;
  const fonts = await loadFonts(issue.fontsFile);
  const document = await renderDocument(issue, fonts, () => undefined);
  const house = document.assets.get('issue.css')!;
  document.assets.set('issue.css', { ...house, body: `${house.body}\n${kaiCss}` });
  const measure = `(() => {
    const body = document.querySelector('.pagedjs_page .article-body');
    const style = getComputedStyle(body);
    const spans = [...document.querySelectorAll('[data-file$="03-kai.md"] [data-adjust^="halt"]')];
    const kai = spans.map((span) => getComputedStyle(span));
    return {
      columnWidth: (body.getBoundingClientRect().width - parseFloat(style.columnGap)) / Number(style.columnCount),
      em: parseFloat(style.fontSize),
      kaiSpacing: kai.filter((span) => span.fontFamily.startsWith('paiban-kai') && parseFloat(span.letterSpacing) < 0).length,
      kaiHalt: kai.filter((span, index) => span.fontFamily.startsWith('paiban-kai') && span.fontFeatureSettings.includes('halt') && !/[“”‘’]/.test(spans[index].textContent)).length,
    };
  })()`;
  const { pdf, inspection } = await paginate(browser!, document, {
    inspect: async (page) => ({ report: await checkTypography(page, fonts), page: (await page.evaluate(measure)) as Omit<Built['page'], 'columnChars'> }),
  });
  const file = join(out, `${issueId}-${adjust ? 'adjusted' : 'plain'}.pdf`);
  writeFileSync(file, pdf);
  return { report: inspection.report, pdf: file, page: { ...inspection.page, columnChars: issue.periodical.grid.columnChars } };
}

const looseIn = (built: Built, file: string) => built.report.findings.filter((finding) => finding.rule === 'loose-line' && finding.article?.endsWith(file));
/** The printed lines of a PDF page, as pdftotext reads them in content order. */
const printedLines = (built: Built, page: number) =>
  pageTexts(built.pdf)
    [page - 1].split('\n')
    .map((line) => line.replace(/[\u200b\u2060\s]/g, ''));

beforeAll(async () => {
  browser = await launchBrowser(findChrome());
  for (const issueId of ['paragraphs', 'tech', 'addresses']) {
    for (const adjust of [false, true]) built.set(`${issueId} ${adjust}`, await build(issueId, adjust));
  }
  built.set('hyphens true', await build('hyphens', true));
  built.set('mixed true', await build('mixed', true));
}, 400_000);

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('line adjustment', () => {
  it('sets a paragraph Chromium leaves loose tight, and leaves it loose when typesetting.adjust is off', () => {
    const [plain, adjusted] = [built.get('paragraphs false')!, built.get('paragraphs true')!];
    // Chromium moves 年， of “2005年，” down whole, and spreads the line left ending in 2005.
    expect(looseIn(plain, '01-song.md').map((finding) => finding.excerpt)).toEqual([expect.stringMatching(/决议。2005$/)]);
    expect(printedLines(plain, 3)).toContain('力机关作出的生态市建设方面的决议。2005');
    expect(looseIn(adjusted, '01-song.md')).toEqual([]);
    expect(printedLines(adjusted, 3).some((line) => line.endsWith('2005'))).toBe(false);
    expect(plain.report.adjustments).toBeUndefined();
    expect(adjusted.report.adjustments!.counts['halt-end']).toBeGreaterThan(0);
  });

  it('mends a cascade: a line mended re-breaks those below it, whose new hole is mended in turn', () => {
    const [plain, adjusted] = [built.get('paragraphs false')!, built.get('paragraphs true')!];
    expect(looseIn(plain, '02-cascade.md').map((finding) => finding.excerpt)).toEqual([expect.stringMatching(/中心村设$/)]);
    expect(looseIn(adjusted, '02-cascade.md')).toEqual([]);
    // “1+17+60+N” may break after a +, where clreq allows it in a formula, rather than leave a line loose.
    expect(adjusted.report.adjustments!.counts['break-formula']).toBeGreaterThan(0);
    expect(adjusted.report.stretch.overOneEm).toBeLessThan(plain.report.stretch.overOneEm);
    expect(adjusted.report.stretch.worst).toBeLessThan(plain.report.stretch.worst);
  });

  it('sets a Kai paragraph tight, though the face has no halt: its closing marks narrowed by letter spacing', () => {
    // (The Kai role draws quotation marks with the Song face, which has halt: those are narrowed by it.)
    const [plain, adjusted] = [built.get('paragraphs false')!, built.get('paragraphs true')!];
    expect(looseIn(plain, '03-kai.md').length).toBeGreaterThan(0);
    expect(looseIn(adjusted, '03-kai.md')).toEqual([]);
    expect(adjusted.page.kaiSpacing).toBeGreaterThan(0);
    expect(adjusted.page.kaiHalt).toBe(0);
    expect(pdfFonts(adjusted.pdf).map((font) => font.name)).toEqual(expect.arrayContaining([expect.stringMatching(/LXGWWenKai-Regular$/)]));
  });

  it('sets each column exactly columnChars em wide: in the page, and from edge to edge of a printed justified line', () => {
    const { page, pdf } = built.get('paragraphs true')!;
    expect(page.columnWidth).toBe(page.columnChars * page.em);
    // A justified line runs from the column's left edge to its right: in the PDF, in points (3/4 px).
    // The first column: the left half of the page (216 mm with the bleed, 612 pt).
    const lines = groupLines(pdfWords(pdf, 3).filter((word) => word.xMax < 306));
    const widest = Math.max(...lines.map((line) => line.xMax - line.xMin));
    expect(widest).toBeCloseTo((page.columnChars * page.em * 3) / 4, 0);
  });

  it('cuts the loose lines of a technology issue full of Latin words and numbers by nine tenths and more', () => {
    const [plain, adjusted] = [built.get('tech false')!, built.get('tech true')!];
    expect(plain.report.counts['loose-line']).toBeGreaterThanOrEqual(10);
    expect(adjusted.report.counts['loose-line']).toBeLessThanOrEqual((plain.report.counts['loose-line'] ?? 0) / 10);
    for (const kind of ['no-autospace', 'hyphenate', 'tracking']) expect(adjusted.report.adjustments!.counts[kind], kind).toBeGreaterThan(0);
    for (const rule of ['line-start-forbidden', 'line-end-forbidden', 'split-unbreakable', 'lone-character', 'widow-orphan', 'overflow'] as const) {
      expect(adjusted.report.counts[rule], rule).toBe(0);
    }
  });

  it('breaks web addresses, handles and long identifiers where a line before them would spread: loose lines cut by four fifths', () => {
    const [plain, adjusted] = [built.get('addresses false')!, built.get('addresses true')!];
    const loose = (built: Built) => built.report.findings.filter((finding) => finding.rule === 'loose-line');
    expect(loose(plain).length).toBeGreaterThanOrEqual(100);
    expect(loose(adjusted).length).toBeLessThanOrEqual(loose(plain).length / 5);
    expect(adjusted.report.stretch.worst).toBeLessThan(plain.report.stretch.worst / 2);
    expect(adjusted.report.adjustments!.counts['break-address']).toBeGreaterThan(0);
    expect(adjusted.report.counts['split-unbreakable'] ?? 0).toBeLessThan(plain.report.counts['split-unbreakable'] ?? 0);
  });

  it('sets twenty pages of mixed Chinese and Latin text (regulations, news, addresses, product names) with at most one loose line in ten pages', () => {
    const { report, pdf } = built.get('mixed true')!;
    const pages = pageTexts(pdf).filter((text) => text.trim().length > 0).length;
    expect(pages).toBeGreaterThanOrEqual(20);
    expect(report.counts['loose-line']).toBeLessThanOrEqual(pages / 10);
    // Its last resorts did their part: a paragraph set without text-wrap: pretty, lines above spread to hand text on.
    for (const kind of ['greedy', 'loosen-above', 'break-address', 'tracking']) expect(report.adjustments!.counts[kind], kind).toBeGreaterThan(0);
    for (const rule of ['line-start-forbidden', 'line-end-forbidden', 'lone-character', 'widow-orphan', 'overflow', 'missing-text'] as const) {
      expect(report.counts[rule], rule).toBe(0);
    }
  });

  it('prints every character of the mixed text in order, the masked numbers and paths broken where the line ran out', () => {
    const printed = pageTexts(built.get('mixed true')!.pdf)
      .join('')
      .replace(/[\s\u200b\u2060\u00ad]/g, '');
    for (const text of [
      '“370102********1234”“138****5678”',
      '/etc/nginx/conf.d/site-3701.conf',
      '/art/年/月/日/art_栏目编号_文章编号.html',
      'privacy@ishandong.gov.cn',
    ]) {
      expect(printed, text).toContain(text);
    }
  });

  it('breaks a page inside a hyphenated word at a soft hyphen, the hyphen drawn at the foot (Paged.js broke a letter late)', () => {
    // 01-long-words.md: a chain of syllables joined by an author's &shy; runs over the foot of its first page.
    const pages = pageTexts(built.get('hyphens true')!.pdf).map((text) => text.replace(/\s+/g, ''));
    const broken = pages.filter((text) => /[a-z]\u00ad?-$/.test(text));
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatch(/[a-z]\u00ad-$/);
    const next = pages[pages.indexOf(broken[0]) + 1];
    const syllables = /(?:Pneu|mo|no|ul|tra|mi|cro|scop|ic|sil|i|co|vol|ca|ni|o|sis)\u00ad-$/;
    expect(broken[0]).toMatch(syllables);
    expect(next).toMatch(/\d(Pneu|mo|no|ul|tra|mi|cro|scop|ic|sil|i|co|vol|ca|ni|o|sis)\u00ad/);
  });

  it('hyphenates a Latin word only where it mends a loose line: a drawn hyphen at the line end, every letter printed', () => {
    const [plain, adjusted] = [built.get('tech false')!, built.get('tech true')!];
    const source = ['01-datacenter.md', '02-network.md'].map((file) => readFileSync(join(fixture, 'issues', 'tech', file), 'utf8')).join('');
    // Chromium prints the soft hyphen where the line breaks, and the hyphen it draws (pdftotext puts each on a line).
    const hyphenated = Array.from(
      pageTexts(adjusted.pdf)
        .join('')
        .matchAll(/([A-Za-z]+)\u00ad\s*-\s*([a-z]+)/g),
      ([, head, tail]) => head + tail,
    );
    expect(hyphenated.length).toBeGreaterThan(0);
    expect(hyphenated.length).toBeLessThanOrEqual(adjusted.report.adjustments!.counts.hyphenate);
    for (const word of hyphenated) expect(source).toMatch(new RegExp(`(?<![A-Za-z])${word}(?![A-Za-z])`));
    expect(pageTexts(plain.pdf).join('')).not.toContain('\u00ad');
  });
});
