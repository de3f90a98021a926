/**
 * The editorial desk driven in real Chromium as an editor uses it, with no terminal, on a temporary copy of a
 * project under git: create an issue → upload three .docx manuscripts (one with tracked changes, accepted in the
 * page) → reorder → edit a title → build (progress seen) → proof round 1 → upload a proof marked with replace,
 * delete, insert and comment marks → reject one, accept the rest → apply → round 2 with change bars on exactly the
 * applied lines → press PDFs that pass the preflight. Each step asserts on the page and on the files and commits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProofReport } from '../src/proof/buildProofReport.js';
import { makePlainManuscript, makeSampleManuscript, makeSpeechManuscript, sample, speech } from './helpers/makeManuscript.js';
import { markProof } from './helpers/markProof.js';
import { type OpenDesk, openDesk } from './helpers/openDesk.js';
import { makeTempProject } from './helpers/tempProject.js';

const root = makeTempProject('proof:\n  lineStep: 1\ntypesetting:\n  adjust: false\n');
const issueDir = join(root, 'issues', '2025-2');
const uploads = mkdtempSync(join(tmpdir(), 'paiban-desk-uploads-'));
const plain = {
  title: '代表联络站工作的几点体会',
  author: '孙　立',
  paragraphs: [
    '第一段。人大代表联络站是代表密切联系群众的重要平台，近年来各地结合实际建设了一批规范化的联络站，取得了明显成效。',
    '第二段。各地积极探索联络站运行的长效机制，把代表接待选民、收集意见、反馈办理结果贯穿起来，形成了闭环。',
    '第三段。代表们认真地听取群众意见，对群众反映的问题逐件梳理，及时转交有关部门办理并跟踪落实情况。',
    '第四段。代表深入基层开展调研，撰写了一批有分量的调研报告，为常委会审议提供了有力参考。',
    '第五段。联络站的建设还要在制度化、规范化、信息化上下功夫，让代表履职更加便捷高效。',
  ],
};
let base: string;
let desk: OpenDesk | undefined;
let page: Page;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=编辑甲', '-c', 'user.email=a@example.org', ...args], { cwd: root, encoding: 'utf8' }).trim();
}
const lastCommit = () => git('log', '-1', '--format=%s');
// biome-ignore lint/performance/useDomNodeTextContent: the test reads the page as the editor sees it, laid out
const text = (selector: string) => page.$eval(selector, (element) => (element as HTMLElement).innerText);
const manifest = () => readFileSync(join(issueDir, 'issue.yaml'), 'utf8');
const articles = () => readdirSync(issueDir).filter((name) => name.endsWith('.md'));
const plainFile = () => articles().find((name) => readFileSync(join(issueDir, name), 'utf8').includes('第一段。'))!;

async function submit(selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ timeout: 60_000 }), page.click(selector)]);
}

/** Clicks a build button and waits for the page to reload when the build has ended; returns the progress seen. */
async function buildAndWait(button: string, done: string): Promise<string[]> {
  await submit(button);
  const seen: string[] = [];
  await page.waitForFunction(() => document.querySelector('[data-stage]')?.textContent?.trim(), { timeout: 60_000 });
  seen.push(await text('[data-stage]'));
  await page.waitForSelector(done, { timeout: 240_000 });
  return seen;
}

beforeAll(async () => {
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the project');
  git('config', 'user.name', '编辑甲');
  git('config', 'user.email', 'a@example.org');
  writeFileSync(join(uploads, 'sample.docx'), await makeSampleManuscript());
  writeFileSync(join(uploads, 'speech.docx'), await makeSpeechManuscript());
  writeFileSync(join(uploads, 'plain.docx'), await makePlainManuscript(plain.title, plain.author, plain.paragraphs));
  desk = await openDesk(root);
  ({ base, page } = desk);
}, 60_000);

afterAll(async () => {
  await desk?.close();
});

async function screenshot(name: string): Promise<void> {
  if (process.env.DESK_SCREENSHOTS) await page.screenshot({ path: join(process.env.DESK_SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('the editorial desk, as an editor uses it', () => {
  it('creates an issue from the issues list', async () => {
    await page.goto(`${base}/`);
    await page.type('#new-issue input[name=id]', '2025-2');
    await page.type('#new-issue input[name=year]', '2025');
    await page.type('#new-issue input[name=number]', '2');
    await page.$eval('#new-issue input[name=date]', (input) => {
      (input as HTMLInputElement).value = '2025-06-01';
    });
    await submit('#new-issue button');
    expect(page.url()).toBe(`${base}/issues/2025-2/intake`);
    expect(manifest()).toMatch(/year: 2025\nnumber: 2\ndate: 2025-06-01\nsections: \[\]/);
    expect(lastCommit()).toBe('新建一期 2025-2（2025年第2期，2025-06-01）');
  });

  it('imports three manuscripts; the one with tracked changes is refused, then accepted with a click', async () => {
    await page.type('#upload-manuscripts input[name=newSection]', '理论与实践');
    const input = await page.$('#upload-manuscripts input[type=file]');
    await input!.uploadFile(join(uploads, 'sample.docx'), join(uploads, 'speech.docx'), join(uploads, 'plain.docx'));
    await submit('#upload-manuscripts button[type=submit]');
    const report = await text('#import-report');
    expect(report).toContain('✗ sample.docx：未导入');
    expect(report).toMatch(/tracked changes? not accepted/);
    expect(report).toContain(`✓ speech.docx → `);
    expect(report).toContain(speech.title);
    expect(report).toContain(`✓ plain.docx → `);
    expect(articles()).toHaveLength(2);
    await submit('.accept-changes');
    const accepted = await text('#import-report');
    expect(accepted).toContain('✓ sample.docx');
    expect(accepted).toContain(sample.title);
    expect(accepted).toContain(`插入“${sample.tracked.inserted}”`);
    expect(accepted).toContain(`删除“，${sample.tracked.deleted}”`);
    expect(articles()).toHaveLength(3);
    expect(manifest()).toMatch(/- title: 理论与实践\n\s+articles:\n(\s+- \d\d-.+\.md\n){3}/);
    expect(git('log', '--format=%s', '-4')).toMatch(/收稿：sample\.docx → .*接受了修订/);
    await screenshot('intake');
  });

  it('reorders the plan and edits a title', async () => {
    await page.goto(`${base}/issues/2025-2`);
    const titles = () => page.$$eval('.plan-article .article-title a', (links) => links.map((link) => link.textContent));
    const before = await titles();
    expect(before).toHaveLength(3);
    await page.click('.plan-article:first-child .moves button[aria-label^="下移"]');
    await page.waitForFunction((first) => document.querySelector('.plan-article .article-title a')?.textContent !== first, {}, before[0]);
    expect(await titles()).toEqual([before[1], before[0], before[2]]);
    expect(lastCommit()).toMatch(/^联络图：《.+》移到“理论与实践”第2篇$/);
    const file = plainFile();
    const item = `li[id="article-${file}"]`;
    await page.click(`${item} summary`);
    await page.$eval(`${item} input[name=title]`, (input) => {
      (input as HTMLInputElement).value = '';
    });
    await page.type(`${item} input[name=title]`, '代表联络站工作的体会');
    await submit(`${item} form.front-matter button`);
    expect(await titles()).toContain('代表联络站工作的体会');
    expect(readFileSync(join(issueDir, file), 'utf8')).toMatch(/^---\ntitle: 代表联络站工作的体会\n/);
    expect(lastCommit()).toBe(`改标题：${file}（“${plain.title}” → “代表联络站工作的体会”）`);
    await screenshot('plan-before-build');
  });

  it('edits an article in the plain editor, its text lint beside it', async () => {
    const file = plainFile();
    await page.goto(`${base}/issues/2025-2/articles/${file}`);
    const findings = await text('.findings');
    expect(findings).toMatch(/文字检查/);
    const source = readFileSync(join(issueDir, file), 'utf8');
    await page.$eval(
      'textarea[name=text]',
      (textarea, value) => {
        (textarea as HTMLTextAreaElement).value = value;
      },
      source.replace('第五段。联络站的建设', '第五段。联络站建设').replace('让代表履职', '讓代表履职'),
    );
    await submit('form.edit button[type=submit]');
    const edited = source.replace('第五段。联络站的建设', '第五段。联络站建设').replace('让代表履职', '讓代表履职');
    expect(readFileSync(join(issueDir, file), 'utf8')).toBe(edited);
    expect(lastCommit()).toBe(`编辑 ${file}：改了 1 行`);
    // The lint sees the traditional character the edit brought in; its link selects the line in the editor.
    const line = edited.split('\n').findIndex((text) => text.includes('讓')) + 1;
    expect(await text('.findings')).toMatch(new RegExp(`第${line}行.*讓`, 's'));
    await page.click(`.findings a[data-line="${line}"]`);
    const selected = await page.$eval('textarea[name=text]', (textarea) => {
      const area = textarea as HTMLTextAreaElement;
      return area.value.slice(area.selectionStart, area.selectionEnd);
    });
    expect(selected).toBe(edited.split('\n')[line - 1]);
    await screenshot('article');
  });

  it('builds with progress seen, then shows the pages, findings and downloads', async () => {
    await page.goto(`${base}/issues/2025-2/build`);
    const seen = await buildAndWait('#build-button', '#page-1 img');
    expect(seen[0].length).toBeGreaterThan(0);
    const pdf = join(root, 'dist', '2025-2.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const loaded = await page.$$eval('.pages img', (images) => images.map((image) => (image as HTMLImageElement).naturalWidth));
    expect(loaded.length).toBeGreaterThan(4);
    const firstImage = await page.$('#page-1 img');
    await firstImage!.scrollIntoView();
    await page.waitForFunction(() => (document.querySelector('#page-1 img') as HTMLImageElement).naturalWidth > 0);
    expect(await text('.downloads')).toContain('内文 PDF');
    const download = await fetch(`${base}/issues/2025-2/files/interior`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    await screenshot('build');
    await page.goto(`${base}/issues/2025-2`);
    expect(await text('.plan-article')).toMatch(/第\d+(–\d+)?页/);
    await screenshot('plan');
  }, 300_000);

  let applied: { line: number }[];

  it('makes proof round 1, takes a marked proof, and applies the accepted marks', async () => {
    await page.goto(`${base}/issues/2025-2/proofs`);
    await buildAndWait('#make-round', 'a[href="/issues/2025-2/proofs/1"]');
    const round1 = git('rev-parse', '--short=10', 'HEAD~1');
    expect(lastCommit()).toMatch(/^出第1校校样（[0-9a-f]{10}）$/);
    const proof = await fetch(`${base}/issues/2025-2/files/proof-1`);
    expect(proof.status).toBe(200);
    const proofBytes = new Uint8Array(await proof.arrayBuffer());
    const proofPath = join(uploads, 'proof-1.pdf');
    writeFileSync(proofPath, proofBytes);
    const marked = await markProof(proofPath, proofBytes, '校对乙', [
      { kind: 'replace', before: '第二段。各地', target: '积极探索', text: '大胆探索' },
      { kind: 'delete', before: '第三段。代表们', target: '认真地' },
      { kind: 'insert', before: '第四段。代表', text: '们' },
      { kind: 'comment', before: '第五段。', target: '联络站建设', text: '请核实提法' },
      // A query typed into a strike-out: read-proof cannot tell delete from replace, so it is undecided.
      { kind: 'delete', before: '第一段。', target: '人大代表', note: '请核实是否保留' },
    ]);
    writeFileSync(join(uploads, '校对乙.pdf'), marked);
    await page.goto(`${base}/issues/2025-2/proofs/1`);
    const input = await page.$('#upload-marked input[type=file]');
    await input!.uploadFile(join(uploads, '校对乙.pdf'));
    await submit('#upload-marked button[type=submit]');
    expect(await text('.uploads')).toContain('✓ 校对乙.pdf：已收到');
    const rows = await page.$$eval('#corrections tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows).toHaveLength(5);
    // The undecided mark first, with what to decide, and no way to accept it.
    expect(rows[0]).toMatch(/删除.*人大代表.*含义不明/s);
    expect(await page.$$eval('#corrections tbody tr:first-child button.accept', (buttons) => buttons.length)).toBe(0);
    expect(await page.$$eval('#corrections tbody tr:first-child button.reject', (buttons) => buttons.length)).toBe(1);
    expect(rows.join('\n')).toMatch(/替换.*积极探索 → 大胆探索/s);
    expect(rows.join('\n')).toMatch(/删除.*认真地 → （删去）/s);
    expect(rows.join('\n')).toMatch(/插入/);
    expect(rows.join('\n')).toMatch(/批注.*联络站建设.*请核实提法/s);
    await screenshot('corrections');

    // Reject the deletion, accept the replacement and the insertion (htmx swaps the row in place).
    const decide = async (match: string, decision: 'accept' | 'reject') => {
      const id = await page.$$eval('#corrections tbody tr', (trs, wanted) => trs.find((tr) => (tr.textContent ?? '').includes(wanted))!.id, match);
      await page.click(`#${id} button.${decision}`);
      await page.waitForFunction(
        (row, label) => document.getElementById(row)?.textContent?.includes(label),
        {},
        id,
        decision === 'accept' ? '已接受' : '已拒绝',
      );
    };
    await decide('认真地', 'reject');
    await decide('积极探索', 'accept');
    await decide('插入', 'accept');
    expect(git('log', '-3', '--format=%s').split('\n')).toEqual([
      expect.stringMatching(/^第1校：接受校对乙的校改（issues\/2025-2\/02-plain\.md:13，“四段。代表‸深入基层开” → “们”）$/),
      expect.stringMatching(/^第1校：接受校对乙的校改（issues\/2025-2\/02-plain\.md:9，“积极探索” → “大胆探索”）$/),
      expect.stringMatching(/^第1校：拒绝校对乙的校改（issues\/2025-2\/02-plain\.md:11，“认真地” → “”）$/),
    ]);
    await submit('#apply button');
    expect(await text('#applied')).toContain('核红完成');
    const statuses = await page.$$eval('#corrections tbody tr', (trs) => trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ')));
    const source = readFileSync(join(issueDir, plainFile()), 'utf8');
    expect(source).toContain('第二段。各地大胆探索');
    expect(source).toContain('第一段。人大代表联络站');
    expect(source).toContain('第三段。代表们认真地听取');
    expect(source, statuses.join('\n')).toContain('第四段。代表们深入基层');
    expect(lastCommit()).toMatch(/^第1校核红：改入2处校改/);
    expect(statuses.filter((row) => row.includes('已改入'))).toHaveLength(2);
    applied = source
      .split('\n')
      .map((line, index) => ({ line: index + 1, text: line }))
      .filter(({ text: line }) => line.startsWith('第二段。') || line.startsWith('第四段。'));
    expect(git('diff', '--stat', round1, 'HEAD', '--', 'issues/2025-2/*.md')).toContain(plainFile());
    await screenshot('applied');
  }, 300_000);

  it('makes round 2 with change bars on exactly the applied lines', async () => {
    await page.goto(`${base}/issues/2025-2/proofs`);
    await buildAndWait('#make-round', 'a[href="/issues/2025-2/proofs/2"]');
    expect(await text('.rounds')).toContain('第2校');
    const report = JSON.parse(readFileSync(join(root, 'dist', '2025-2-proof-report.json'), 'utf8')) as ProofReport;
    const changes = report.articles.flatMap((article) =>
      article.entries.filter((entry) => entry.kind === 'change').map((entry) => ({ file: article.file, line: entry.source.line })),
    );
    expect(changes.map((change) => change.line).sort()).toEqual(applied.map((entry) => entry.line).sort());
    expect(new Set(changes.map((change) => change.file.replace(/^.*\//, '')))).toEqual(new Set([plainFile()]));
  }, 300_000);

  it('writes the press PDFs, which pass the preflight', async () => {
    await page.goto(`${base}/issues/2025-2/press`);
    await buildAndWait('#press-button', '#preflight-verdict');
    expect(await text('#preflight-verdict')).toContain('全部通过');
    for (const name of ['press', 'cover-press']) {
      const response = await fetch(`${base}/issues/2025-2/files/${name}`);
      expect(response.status).toBe(200);
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    await screenshot('press');
    await page.goto(`${base}/issues/2025-2/history`);
    const history = await text('.history');
    for (const step of ['新建一期', '收稿', '联络图', '改标题', '出第1校校样', '核红', '出第2校校样']) expect(history).toContain(step);
    await page.goto(`${base}/`);
    expect(await text('table.list')).toMatch(/2025-2.*第2校/s);
    await screenshot('issues');
  }, 300_000);
});
