/**
 * The typography check on real Paged.js in real Chromium. The fixture issue (test/fixtures/typography) has one
 * article written to break each rule. With the house stylesheet alone the issue must pass; with broken.css, which removes in each article the CSS that protects it, each rule must
 * fire — on that article, its page and its source line, and nowhere else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '../src/chromium/findChrome.js';
import { launchBrowser } from '../src/chromium/launchBrowser.js';
import { checkTypography, type TypographyFinding, type TypographyReport } from '../src/check/checkTypography.js';
import { typographyRules, type TypographyRule } from '../src/rules/typographyRules.js';
import { paginate } from '../src/paginate/paginate.js';
import { prepareIssue } from '../src/prepareIssue.js';

const fixture = join(import.meta.dirname, 'fixtures', 'typography');

/** Where each rule must fire with broken.css: article:line on page (page 3 is the first article's). */
const expected: Record<TypographyRule, { at: string[]; excerpt?: RegExp; detail?: RegExp }> = {
  'line-start-forbidden': { at: ['01-line-breaks.md:5 p3'], excerpt: /^，并对/ },
  'line-end-forbidden': { at: ['01-line-breaks.md:7 p3'], excerpt: /导向“$/ },
  'split-unbreakable': { at: ['01-line-breaks.md:9 p3', '01-line-breaks.md:11 p3'], detail: /“心上—⏎—这是”|“部门1⏎234”/ },
  'lone-character': { at: ['02-lone-character.md:5 p4'], excerpt: /^总。$/ },
  'widow-orphan': { at: ['03-widow-orphan.md:7 p5'], detail: /first line alone at the foot of the column/ },
  'heading-last-in-column': { at: ['04-heading.md:7 p6', '10-heading-split.md:7 p12'], detail: /starts in the next column|broken over two columns/ },
  'short-line': { at: ['05-short-line.md:5 p7'], detail: /ends 1\.0 em short/ },
  'loose-line': { at: ['06-loose-line.md:5 p8'], detail: /stretched by 5\.0 em/ },
  'short-column': { at: ['11-short-column.md:41 p13'], detail: /^column 1 ends \d+ lines short of the foot; the article goes on overleaf$/ },
  // A heading broken over two columns (10) leaves half its space at the head of the next: that column is off the grid too.
  'off-grid': {
    at: ['10-heading-split.md:9 p12', '12-off-grid.md:9 p15'],
    detail: /^\d+ of \d+ body lines in the column 0\.\d\d of a line (above|below) the grid$/,
  },
  overflow: { at: ['07-overflow.md:9 p9'], detail: /wider than its column/ },
  'missing-text': {
    at: ['08-hidden-text.md:5 p10', '08-hidden-text.md:7 p10'],
    excerpt: /^一是加强学习培训。$|^突出重点$/,
    detail: /^hidden by visibility or opacity$|^no visible box$/,
  },
  'wrong-font': {
    at: ['09-wrong-font.md:5 p11', '09-wrong-font.md:7 p11'],
    detail:
      /^drawn with 1 glyph in Noto Sans SC \(NotoSansSC-Regular\); paiban-song regular draws this text in Noto Serif SC$|font-family serif is not one of the roles$/,
  },
};

let browser: Browser | undefined;
let clean: TypographyReport;
let broken: TypographyReport;

/** The fixture issue paginated as buildIssue does, optionally with a fixture stylesheet appended to the house one, and checked. */
async function checkFixture(cssFile?: string): Promise<TypographyReport> {
  const { document, fonts } = await prepareIssue({ root: fixture, issueId: 'typography', warn: () => undefined });
  if (cssFile) {
    const house = document.assets.get('issue.css')!;
    document.assets.set('issue.css', { ...house, body: `${house.body}\n${readFileSync(join(fixture, cssFile), 'utf8')}` });
  }
  return (await paginate(browser!, document, { inspect: (page) => checkTypography(page, fonts) })).inspection;
}

const place = (finding: TypographyFinding) => `${finding.article?.split('/').pop()}:${finding.line} p${finding.page}`;

beforeAll(async () => {
  browser = await launchBrowser(findChrome());
  clean = await checkFixture();
  broken = await checkFixture('broken.css');
});

afterAll(async () => {
  await browser?.close();
});

describe('typography check', () => {
  it('finds nothing when the house CSS protects every article', () => {
    expect(clean.findings).toEqual([]);
    expect(Object.values(clean.counts).every((count) => count === 0)).toBe(true);
  });

  it.each(Object.keys(typographyRules) as TypographyRule[])('%s: fires on the article written to break it, and only there', (rule) => {
    const { at, excerpt, detail } = expected[rule];
    const findings = broken.findings.filter((finding) => finding.rule === rule);
    expect(findings.map(place)).toEqual(at);
    for (const finding of findings) {
      if (excerpt) expect(finding.excerpt).toMatch(excerpt);
      if (detail) expect(finding.detail).toMatch(detail);
    }
    expect(broken.counts[rule]).toBe(at.length);
  });

  it('places findings in their column', () => {
    const columns = (rule: TypographyRule) => broken.findings.filter((finding) => finding.rule === rule).map((finding) => finding.column);
    // The orphan is the second paragraph's first line, left at the foot of the first column; the headings end it.
    expect(columns('widow-orphan')).toEqual([1]);
    expect(columns('heading-last-in-column')).toEqual([1, 1]);
    expect(columns('split-unbreakable')).toEqual([2, 2]);
  });

  it('measures its own time', () => {
    expect(broken.seconds).toBeGreaterThan(0);
    expect(broken.seconds).toBeLessThan(5);
  });
});
