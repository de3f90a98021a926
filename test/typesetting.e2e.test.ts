/**
 * Widths the house style promises, measured in real Chromium on the laid-out page: ？！ pairs in one em, the dash
 * —— in exactly two, quotation marks of the Kai face drawn full width, two-character names at three characters.
 */
import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../src/chromium/launchBrowser.js';
import { checkTypography } from '../src/check/checkTypography.js';
import { findChrome } from '../src/chromium/findChrome.js';
import { paginate } from '../src/paginate/paginate.js';
import { prepareIssue } from '../src/prepareIssue.js';
import { editFile, makeTempProject } from './helpers/tempProject.js';

const root = makeTempProject();
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('sets mark pairs, dashes, Kai quotes and short names at their widths', async () => {
  editFile(root, 'issues/mini/02-speech.md', (text) => text.replace('同志们：', '同志们：真的吗？！是的——正是如此。\n\n> 楷体引文中的“引号”。'));
  const { document } = await prepareIssue({ root, issueId: 'mini', warn: () => undefined });
  const browser = await launchBrowser(findChrome());
  try {
    const measure = `(() => {
      const em = parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize);
      const widthOf = (text) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const index = node.data.indexOf(text);
          if (index < 0) continue;
          const range = document.createRange();
          range.setStart(node, index);
          range.setEnd(node, index + text.length);
          return range.getBoundingClientRect().width / em;
        }
        return NaN;
      };
      const pair = document.querySelector('.mark-pair').getBoundingClientRect().width / em;
      // The advance of the padded name: its box less the negative margin that takes back the last spacing.
      const padded = document.querySelector('.name-padded');
      const style = getComputedStyle(padded);
      const name = (padded.getBoundingClientRect().width + parseFloat(style.marginRight)) / parseFloat(style.fontSize);
      // LXGW WenKai's own quotation marks are 0.35 em: the Kai role draws them with the Song face, full width.
      const quote = document.querySelector('.article-body blockquote p');
      const range = document.createRange();
      const text = quote.firstChild;
      range.setStart(text, text.data.indexOf('“'));
      range.setEnd(text, text.data.indexOf('“') + 1);
      const kaiQuote = range.getBoundingClientRect().width / parseFloat(getComputedStyle(quote).fontSize);
      return { pair, dash: widthOf('——'), name, kaiQuote };
    })()`;
    const { inspection } = await paginate(browser, document, {
      inspect: (page) => page.evaluate(measure) as Promise<{ pair: number; dash: number; name: number; kaiQuote: number }>,
    });
    expect(inspection.pair).toBeCloseTo(1, 1);
    expect(inspection.dash).toBeCloseTo(2, 1);
    expect(inspection.name).toBeCloseTo(3, 1);
    expect(inspection.kaiQuote, JSON.stringify(inspection)).toBeCloseTo(1, 1);
  } finally {
    await closeBrowser(browser);
  }
}, 60_000);

it('sets a heading that wraps flush left; justified, the check reports it spread apart', async () => {
  const project = makeTempProject();
  try {
    editFile(project, 'issues/mini/02-speech.md', (text) => text.replace('## 一、提高思想认识', '## 四、发挥人大作用助推济南都市圈发展的几点建议'));
    const browser = await launchBrowser(findChrome());
    try {
      const spread = async (extraCss: string) => {
        const { document, fonts } = await prepareIssue({ root: project, issueId: 'mini', warn: () => undefined });
        const house = document.assets.get('issue.css')!;
        document.assets.set('issue.css', { ...house, body: `${house.body}\n${extraCss}` });
        const { inspection } = await paginate(browser, document, { inspect: (page) => checkTypography(page, fonts) });
        return inspection.findings.filter((finding) => finding.rule === 'loose-line' && finding.excerpt.startsWith('四、发挥'));
      };
      expect(await spread('')).toEqual([]);
      expect(await spread('.article-body h2 { text-align: justify; }')).toEqual([
        expect.objectContaining({ line: 11, detail: expect.stringMatching(/stretched by \d+\.\d em/) }),
      ]);
    } finally {
      await closeBrowser(browser);
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}, 60_000);
