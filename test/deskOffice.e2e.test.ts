/**
 * The desk as an office uses it, in real Chromium, four people each in their own browser (context) and logged in,
 * on a temporary copy of a project under git: the editor imports two manuscripts and makes proof round 1; the
 * proofreader downloads it and hands in marks (and is refused deciding them); the chief passes each article through
 * 初审, 复审 and 终审 (refused a sign-off while marks wait); the editor decides and applies the marks, so the
 * changed article loses its 终审, which the chief gives again; the editor makes the press files; the chief signs
 * (签付印); the printer, who saw no issue before, now sees this one and downloads its press PDFs. The records page
 * shows every step with its person and time; records.json and the commits say the same.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Role } from '../src/desk/deskUsers.js';
import { makePlainManuscript } from './helpers/makeManuscript.js';
import { markProof } from './helpers/markProof.js';
import { type OpenDesk, openDesk } from './helpers/openDesk.js';
import { pageTexts, pdfInfo } from './helpers/pdfTools.js';
import { makeTempProject } from './helpers/tempProject.js';
import { gitIn } from './helpers/projectState.js';

const root = makeTempProject('proof:\n  lineStep: 1\ntypesetting:\n  adjust: false\n');
const issueDir = join(root, 'issues', '2025-3');
const uploads = mkdtempSync(join(tmpdir(), 'paiban-office-'));
const shots = process.env.DESK_SCREENSHOTS;
const password = 'a long enough password';
const people: Record<Role, string> = { editor: '编辑甲', chief: '主编丙', proofreader: '校对乙', printer: '印厂丁' };
const manuscripts = [
  {
    file: 'station.docx',
    title: '代表联络站工作的几点体会',
    author: '孙　立',
    paragraphs: [
      '第一段。人大代表联络站是代表密切联系群众的重要平台，近年来各地结合实际建设了一批规范化的联络站。',
      '第二段。各地积极探索联络站运行的长效机制，把代表接待选民、收集意见、反馈办理结果贯穿起来。',
      '第三段。代表们认真地听取群众意见，对群众反映的问题逐件梳理，及时转交有关部门办理。',
    ],
  },
  {
    file: 'budget.docx',
    title: '预算审查监督的新实践',
    author: '李　明',
    paragraphs: ['常委会加强预算审查监督，推动预算公开透明。', '各级人大运用联网监督系统，及时发现和纠正问题。'],
  },
];
let desk: OpenDesk | undefined;
let base: string;
const pages = {} as Record<Role, Page>;
/** The SHA-256 of the press PDFs the printer downloaded, which the 付印单 names. */
const pressHashes: string[] = [];

const git = gitIn(root);
// biome-ignore lint/performance/useDomNodeTextContent: the test reads the page as the person sees it, laid out
const text = (role: Role, selector: string) => pages[role].$eval(selector, (element) => (element as HTMLElement).innerText);
const tabs = (role: Role) => pages[role].$$eval('header nav a', (links) => links.map((link) => link.textContent));
const records = () => JSON.parse(readFileSync(join(issueDir, 'records.json'), 'utf8'));
const articleFiles = () => (readFileSync(join(issueDir, 'issue.yaml'), 'utf8').match(/\d\d-[\w-]+\.md/g) ?? []).sort();

async function submit(role: Role, selector: string): Promise<void> {
  await Promise.all([pages[role].waitForNavigation({ timeout: 60_000 }), pages[role].click(selector)]);
}

async function go(role: Role, path: string): Promise<number> {
  const response = await pages[role].goto(`${base}${path}`);
  return response?.status() ?? 0;
}

/** A request with the person's own cookie, as their browser would send it. */
async function fetchAs(role: Role, path: string): Promise<Response> {
  const cookies = await pages[role].browserContext().cookies();
  return fetch(`${base}${path}`, { headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') } });
}

/** Clicks a build button and waits until the page shows the result. */
async function buildAndWait(role: Role, button: string, done: string): Promise<void> {
  await submit(role, button);
  await pages[role].waitForSelector(done, { timeout: 480_000 });
}

async function screenshot(role: Role, name: string): Promise<void> {
  if (shots) await pages[role].screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the project');
  for (const role of Object.keys(people) as Role[]) await addUser(root, people[role], role, password);
  for (const manuscript of manuscripts)
    writeFileSync(join(uploads, manuscript.file), await makePlainManuscript(manuscript.title, manuscript.author, manuscript.paragraphs));
  desk = await openDesk(root);
  base = desk.base;
  for (const role of Object.keys(people) as Role[]) {
    const context = await desk.browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on('pageerror', (error) => {
      throw error;
    });
    pages[role] = page;
  }
}, 60_000);

afterAll(async () => {
  await desk?.close();
});

describe('the desk as four people use it', () => {
  it('logs each person in, in their own browser', async () => {
    for (const role of Object.keys(people) as Role[]) {
      await go(role, '/');
      expect(pages[role].url()).toBe(`${base}/login?next=%2F`);
      await pages[role].type('#login input[name=name]', people[role]);
      await pages[role].type('#login input[name=password]', password);
      await submit(role, '#login button[type=submit]');
      expect(await text(role, 'form.who span')).toContain(people[role]);
    }
  });

  it('the editor imports two manuscripts and makes proof round 1', async () => {
    const editor = pages.editor;
    await editor.type('#new-issue input[name=id]', '2025-3');
    await editor.type('#new-issue input[name=year]', '2025');
    await editor.type('#new-issue input[name=number]', '3');
    await editor.$eval('#new-issue input[name=date]', (input) => {
      (input as HTMLInputElement).value = '2025-09-01';
    });
    await submit('editor', '#new-issue button');
    await editor.type('#upload-manuscripts input[name=newSection]', '理论与实践');
    const input = await editor.$('#upload-manuscripts input[type=file]');
    await input!.uploadFile(...manuscripts.map((manuscript) => join(uploads, manuscript.file)));
    await submit('editor', '#upload-manuscripts button[type=submit]');
    expect(articleFiles()).toHaveLength(2);
    await go('editor', '/issues/2025-3/proofs');
    await buildAndWait('editor', '#make-round', 'a[href="/issues/2025-3/proofs/1"]');
    expect(git('log', '-1', '--format=%an|%s')).toMatch(/^编辑甲\|出第1校校样/);
  }, 600_000);

  it('the proofreader takes the proof and hands in marks, and may not decide them', async () => {
    await go('proofreader', '/');
    expect(await text('proofreader', 'table.list')).toContain('2025-3');
    expect(await tabs('proofreader')).not.toContain('收稿');
    const proof = await fetchAs('proofreader', '/issues/2025-3/files/proof-1');
    expect(proof.status).toBe(200);
    const proofBytes = new Uint8Array(await proof.arrayBuffer());
    const proofPath = join(uploads, 'proof-1.pdf');
    writeFileSync(proofPath, proofBytes);
    const marked = await markProof(proofPath, proofBytes, people.proofreader, [
      { kind: 'replace', before: '第二段。各地', target: '积极探索', text: '大胆探索' },
      { kind: 'delete', before: '第三段。代表们', target: '认真地' },
    ]);
    writeFileSync(join(uploads, '校对乙.pdf'), marked);
    await go('proofreader', '/issues/2025-3/proofs/1');
    const upload = await pages.proofreader.$('#upload-marked input[type=file]');
    await upload!.uploadFile(join(uploads, '校对乙.pdf'));
    await submit('proofreader', '#upload-marked button[type=submit]');
    expect(await text('proofreader', '.uploads')).toContain('✓ 校对乙.pdf：已收到');
    expect(await pages.proofreader.$$eval('#corrections tbody tr', (rows) => rows.length)).toBe(2);
    // Deciding is the editor's: the server refuses the proofreader's click whatever the page shows.
    const refused = await pages.proofreader.evaluate(async () => {
      const form = document.querySelector('#corrections form') as HTMLFormElement;
      const csrf = document.querySelector('meta[name=csrf-token]')!.getAttribute('content')!;
      const body = new URLSearchParams({ key: (form.querySelector('input[name=key]') as HTMLInputElement).value, decision: 'accept', _csrf: csrf });
      return (await fetch(form.action, { method: 'POST', body, headers: { accept: 'application/json' } })).status;
    });
    expect(refused).toBe(403);
    expect(git('log', '-1', '--format=%an|%s')).toBe('校对乙|第1校：收到标注校样 校对乙.pdf');
    await go('proofreader', '/issues/2025-3/records');
    expect(await pages.proofreader.$$('form.pass')).toHaveLength(0);
  }, 120_000);

  it('the chief passes each article through 初审, 复审 and 终审, and may not sign while marks wait', async () => {
    await go('chief', '/issues/2025-3/records');
    expect(await text('chief', '.blockers')).toMatch(/未终审[\s\S]*还有 2 处校改待定或待核红/);
    expect(await pages.chief.$('#sign')).toBeNull();
    for (const file of articleFiles())
      for (const stage of ['初审', '复审', '终审']) {
        const button = `tr[id="article-${file}"] td[data-stage="${stage}"] form.pass button`;
        await submit('chief', button);
        expect(await text('chief', `tr[id="article-${file}"] td[data-stage="${stage}"]`)).toMatch(
          new RegExp(`✓ ${people.chief}\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d`),
        );
      }
    expect(await text('chief', '.blockers')).toBe('还有 2 处校改待定或待核红');
    expect(await pages.chief.$('#sign')).toBeNull();
    expect(records().passes).toHaveLength(6);
    expect(git('log', '-6', '--format=%an').split('\n')).toEqual(Array(6).fill(people.chief));
    // The editor's page offers no pass: that is the chief's.
    await go('editor', '/issues/2025-3/records');
    expect(await pages.editor.$$('form.pass')).toHaveLength(0);
  }, 120_000);

  it('the editor decides and applies the marks; the changed article loses its 终审, and the chief passes it again', async () => {
    const editor = pages.editor;
    await go('editor', '/issues/2025-3/proofs/1');
    for (const [match, decision] of [
      ['积极探索', 'accept'],
      ['认真地', 'reject'],
    ] as const) {
      const id = await editor.$$eval('#corrections tbody tr', (rows, wanted) => rows.find((row) => (row.textContent ?? '').includes(wanted))!.id, match);
      await editor.click(`#${id} button.${decision}`);
      await editor.waitForFunction(
        (row, label) => document.getElementById(row)?.textContent?.includes(label),
        {},
        id,
        decision === 'accept' ? '已接受' : '已拒绝',
      );
    }
    await submit('editor', '#apply button');
    expect(await text('editor', '#applied')).toContain('核红完成');
    const station = articleFiles().find((file) => readFileSync(join(issueDir, file), 'utf8').includes('第二段。'))!;
    expect(readFileSync(join(issueDir, station), 'utf8')).toContain('各地大胆探索');

    await go('chief', '/issues/2025-3/records');
    expect(await text('chief', `tr[id="article-${station}"] .lapsed`)).toMatch(/^终审（主编丙，.*）之后文章改过，终审失效，须重新终审$/);
    expect(await text('chief', '.blockers')).toMatch(new RegExp(`^${station}：终审（主编丙`));
    await submit('chief', `tr[id="article-${station}"] td[data-stage="终审"] form.pass button`);
    expect(await pages.chief.$(`tr[id="article-${station}"] .lapsed`)).toBeNull();
  }, 120_000);

  it('the editor makes the press files; the printer sees nothing of the unsigned issue', async () => {
    await go('printer', '/');
    expect(await text('printer', 'main')).toContain('还没有任何一期');
    expect(await go('printer', '/issues/2025-3/press')).toBe(404);
    expect((await fetchAs('printer', '/issues/2025-3/files/press')).status).toBe(404);
    await go('editor', '/issues/2025-3/press');
    await buildAndWait('editor', '#press-button', '#preflight-verdict');
    expect(await text('editor', '#preflight-verdict')).toContain('全部通过');
    expect((await fetchAs('printer', '/issues/2025-3/files/press')).status).toBe(404);
  }, 600_000);

  it('the chief signs for the press; the printer then sees the issue and downloads its press PDFs, and nothing else', async () => {
    await go('chief', '/issues/2025-3/records');
    expect(await pages.chief.$('.blockers')).toBeNull();
    await submit('chief', '#sign button');
    expect(await text('chief', '#signed')).toMatch(/^✓ 已签付印：主编丙，\d{4}-\d\d-\d\d \d\d:\d\d（git [0-9a-f]{10}）$/);
    expect(git('log', '-1', '--format=%an|%s')).toMatch(/^主编丙\|签付印：2025-3（[0-9a-f]{10}）$/);

    await go('printer', '/');
    expect(await text('printer', 'table.list')).toContain('2025-3');
    await submit('printer', 'table.list a[href="/issues/2025-3/press"]');
    expect(await tabs('printer')).toEqual(['付印']);
    expect(await pages.printer.$('#press-button')).toBeNull();
    expect(await text('printer', '.downloads')).toContain('付印内文 PDF/X-1a');
    for (const name of ['press', 'cover-press']) {
      const response = await fetchAs('printer', `/issues/2025-3/files/${name}`);
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      pressHashes.push(createHash('sha256').update(bytes).digest('hex'));
    }
    await screenshot('printer', 'office-printer-press');
    for (const path of ['/issues/2025-3/records', '/issues/2025-3', '/issues/2025-3/proofs']) expect(await go('printer', path), path).toBe(403);
    expect((await fetchAs('printer', '/issues/2025-3/files/interior')).status).toBe(403);
  }, 120_000);

  it('shows every step on the records page with its person and time, as records.json and the commits keep them', async () => {
    await go('proofreader', '/issues/2025-3/records');
    const steps = await pages.proofreader.$$eval('#rounds tr.step', (rows) =>
      rows.map((row) => Array.from((row as HTMLTableRowElement).cells, (cell) => (cell.textContent ?? '').trim()).join(' ')),
    );
    const stamp = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d';
    expect(steps).toEqual([
      expect.stringMatching(new RegExp(`^第1校 ${stamp} 编辑甲 出校样：所校版本 [0-9a-f]{10}$`)),
      expect.stringMatching(new RegExp(`^第1校 ${stamp} 校对乙 交回标注校样：校对乙\\.pdf$`)),
      expect.stringMatching(new RegExp(`^第1校 ${stamp} 编辑甲 接受：校对乙的校改（issues/2025-3/\\d\\d-[\\w-]+\\.md:\\d+，“积极探索” → “大胆探索”）$`)),
      expect.stringMatching(new RegExp(`^第1校 ${stamp} 编辑甲 拒绝：校对乙的校改（.*“认真地” → “”）$`)),
      expect.stringMatching(new RegExp(`^第1校 ${stamp} 编辑甲 核红：改入1处校改$`)),
    ]);
    const passes = await text('proofreader', '#passes tbody');
    expect(passes.match(new RegExp(`✓ 主编丙\\s+${stamp}`, 'g'))).toHaveLength(6);
    expect(await text('proofreader', '#signed')).toContain('已签付印：主编丙');
    // Every pass given, the 终审 that lapsed and the one given again too.
    const history = await pages.proofreader.$$eval('#pass-history tbody tr', (rows) =>
      rows.map((row) => Array.from((row as HTMLTableRowElement).cells, (cell) => (cell.textContent ?? '').trim()).join(' ')),
    );
    expect(history).toHaveLength(7);
    expect(history.filter((row) => new RegExp(`^${stamp} 主编丙 终审 `).test(row))).toHaveLength(3);
    await screenshot('proofreader', 'office-records');

    const kept = records();
    expect(kept.steps.map((step: { action: string; by: string }) => `${step.action} ${step.by}`)).toEqual([
      'round 编辑甲',
      'marked 校对乙',
      'accept 编辑甲',
      'reject 编辑甲',
      'apply 编辑甲',
    ]);
    expect(kept.passes.map((pass: { by: string }) => pass.by)).toEqual(Array(7).fill('主编丙'));
    expect(kept.signOffs).toEqual([expect.objectContaining({ by: '主编丙' })]);
    const log = git('log', '--format=%an|%s', '--', 'issues/2025-3');
    for (const line of [
      /^编辑甲\|新建一期 2025-3/m,
      /^编辑甲\|出第1校校样/m,
      /^校对乙\|第1校：收到标注校样/m,
      /^编辑甲\|第1校核红/m,
      /^主编丙\|终审：/m,
      /^主编丙\|签付印：/m,
    ])
      expect(log).toMatch(line);
  });

  it('prints the 付印单 of the signed issue on one page', async () => {
    const response = await fetchAs('chief', '/issues/2025-3/records/print-order');
    expect(response.status).toBe(200);
    const pdf = join(shots ?? uploads, 'office-付印单.pdf');
    writeFileSync(pdf, Buffer.from(await response.arrayBuffer()));
    expect(pdfInfo(pdf).Pages).toBe('1');
    const printed = pageTexts(pdf)[0].replace(/\s+/g, '');
    expect(printed).toContain('付印单');
    for (const manuscript of manuscripts) expect(printed).toContain(manuscript.title);
    expect(printed).toMatch(/第1校.*编辑甲：出校样.*校对乙：交回标注校样.*编辑甲：接受.*编辑甲：拒绝.*编辑甲：核红/);
    expect(printed).toMatch(/同意付印。主编：主编丙/);
    expect(pressHashes).toHaveLength(2);
    for (const hash of pressHashes) expect(printed).toContain(hash);
    if (shots) execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', pdf, join(shots, 'office-付印单')]);
  }, 120_000);
});
