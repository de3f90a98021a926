import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Role } from '../src/desk/deskUsers.js';
import { createDeskServer } from '../src/desk/http/createDeskServer.js';
import { pageTexts, pdfFonts, pdfInfo } from './helpers/pdfTools.js';
import { makeTempProject } from './helpers/tempProject.js';
import { gitIn, snapshotProject } from './helpers/projectState.js';

const root = makeTempProject('typesetting:\n  adjust: false\n');
const issueDir = join(root, 'issues', 'mini');
const recordsPath = join(issueDir, 'records.json');
const articles = ['01-short.md', '02-speech.md', '03-long.md', '04-table.md'];
const password = 'correct horse battery';
const people: Record<Role, string> = { editor: '编辑甲', chief: '主编丙', proofreader: '校对乙', printer: '印厂丁' };
let app: FastifyInstance;
let base: string;
const clients = {} as Record<Role, { cookie: string; csrf: string }>;

const git = gitIn(root);

/** The project's files with their hashes and git's HEAD: what "nothing changed" compares. */
const snapshot = () => snapshotProject(root);

async function send(role: Role, path: string, form?: Record<string, string>): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', cookie: clients[role].cookie };
  if (form) headers['x-csrf-token'] = clients[role].csrf;
  return fetch(`${base}${path}`, { method: form ? 'POST' : 'GET', headers, body: form && new URLSearchParams(form), redirect: 'manual' });
}

const pass = (role: Role, article: string, stage: string, extra: Record<string, string> = {}) =>
  send(role, '/issues/mini/records/pass', { article, stage, ...extra });
const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;
interface RecordsAnswer {
  revision: number;
  articles: { file: string; review: { passed: boolean; lapsed?: string; passes: Record<string, { by: string; at: string }> } }[];
  signOff?: { by: string; commit: string };
  blockers: string[];
}
const records = async () => (await (await send('chief', '/issues/mini/records')).json()) as RecordsAnswer;

beforeAll(async () => {
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the project');
  for (const role of Object.keys(people) as Role[]) await addUser(root, people[role], role, password);
  git('add', '-A');
  git('commit', '-qm', 'accounts');
  // The press PDF as a build would leave it (its content is the press build's business, tested elsewhere): what is
  // tried here is who may take it, and when.
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'mini-press.pdf'), '%PDF-1.3 the press file\n');
  app = await createDeskServer({ root });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  for (const role of Object.keys(people) as Role[]) {
    const response = await fetch(`${base}/login`, {
      method: 'POST',
      body: new URLSearchParams({ name: people[role], password }),
      headers: { accept: 'application/json' },
    });
    clients[role] = { cookie: response.headers.getSetCookie()[0].split(';')[0], csrf: ((await response.json()) as { csrf: string }).csrf };
  }
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('三审: only the chief passes, in order', () => {
  it('refuses an editor, a proofreader and the printer passing or signing, and changes nothing', async () => {
    const before = snapshot();
    for (const role of ['editor', 'proofreader', 'printer'] as const) {
      const passed = await pass(role, '01-short.md', '初审');
      expect(passed.status, role).toBe(403);
      expect(await errorOf(passed)).toContain(people[role]);
      expect((await send(role, '/issues/mini/records/sign', {})).status, role).toBe(403);
    }
    expect(snapshot()).toEqual(before);
  });

  it('refuses 复审 before 初审 and 终审 before 复审 with what to do, writing nothing', async () => {
    const before = snapshot();
    const early = await pass('chief', '01-short.md', '复审');
    expect(early.status).toBe(400);
    expect(await errorOf(early)).toBe('01-short.md 还没有初审：先初审，再复审（三审依次进行）');
    const late = await pass('chief', '01-short.md', '终审');
    expect(await errorOf(late)).toMatch(/还没有复审：先复审，再终审/);
    const unknown = await pass('chief', '../../periodical.md', '初审');
    expect(unknown.status).toBe(400);
    const notInIssue = await pass('chief', '99-none.md', '初审');
    expect(await errorOf(notInIssue)).toMatch(/本期没有文章 99-none\.md/);
    expect(snapshot()).toEqual(before);
  });

  it('records each pass with the person, the time and the article’s hash, committed under the chief’s name', async () => {
    for (const stage of ['初审', '复审', '终审']) expect((await pass('chief', '01-short.md', stage)).status).toBe(200);
    const kept = JSON.parse(readFileSync(recordsPath, 'utf8'));
    expect(kept.revision).toBe(3);
    expect(kept.passes.map((entry: { stage: string; by: string }) => `${entry.stage} ${entry.by}`)).toEqual(['初审 主编丙', '复审 主编丙', '终审 主编丙']);
    expect(kept.passes[2].hash).toBe(
      createHash('sha256')
        .update(readFileSync(join(issueDir, '01-short.md')))
        .digest('hex'),
    );
    expect(Date.now() - Date.parse(kept.passes[2].at)).toBeLessThan(60_000);
    expect(git('log', '-3', '--format=%an|%s').split('\n')).toEqual([
      '主编丙|终审：01-short.md 通过（issues/mini/01-short.md）',
      '主编丙|复审：01-short.md 通过（issues/mini/01-short.md）',
      '主编丙|初审：01-short.md 通过（issues/mini/01-short.md）',
    ]);
    const again = await pass('chief', '01-short.md', '终审');
    expect(again.status).toBe(400);
    expect(await errorOf(again)).toMatch(/^01-short\.md 已经终审（主编丙，.*），文章此后没有改过$/);
  });

  it('refuses a pass made from a stale page (409, what changed and by whom), and keeps two passes sent at once', async () => {
    const before = snapshot();
    const stale = await pass('chief', '02-speech.md', '初审', { revision: '1' });
    expect(stale.status).toBe(409);
    expect(await errorOf(stale)).toMatch(/^记录已被别人改过（你看到的是第1版，现在是第3版，最近：主编丙：01-short\.md 终审.*）：什么也没有写入/);
    expect(snapshot()).toEqual(before);
    const answers = await Promise.all(['02-speech.md', '03-long.md', '04-table.md'].map((article) => pass('chief', article, '初审', { revision: '3' })));
    // One of three made from revision 3 gets in; the others are refused, not lost silently.
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    const together = await Promise.all(['02-speech.md', '03-long.md', '04-table.md'].map((article) => pass('chief', article, '初审')));
    expect(together.map((answer) => answer.status).filter((status) => status === 200)).toHaveLength(2);
    const kept = JSON.parse(readFileSync(recordsPath, 'utf8'));
    expect(
      kept.passes
        .filter((entry: { stage: string }) => entry.stage === '初审')
        .map((entry: { article: string }) => entry.article)
        .sort(),
    ).toEqual(articles);
    expect(kept.revision).toBe(6);
  });
});

describe('签付印 and the printer', () => {
  it('shows the printer no unsigned issue: not in the list, 404 for its press page and files', async () => {
    const list = (await (await send('printer', '/')).json()) as { issues: unknown[] };
    expect(list.issues).toEqual([]);
    for (const path of ['/issues/mini/press', '/issues/mini/files/press', '/issues/mini/files/cover-press']) {
      const response = await send('printer', path);
      expect(response.status, path).toBe(404);
      expect(await errorOf(response)).toMatch(/本期还没有签付印/);
    }
    for (const path of ['/issues/mini/records', '/issues/mini', '/issues/mini/files/interior', '/issues/mini/records/print-order'])
      expect((await send('printer', path)).status, path).toBe(403);
    expect((await send('editor', '/issues/mini/files/press')).status).toBe(200);
  });

  it('refuses the sign-off until every article has passed 终审, naming what is missing', async () => {
    const before = snapshot();
    const early = await send('chief', '/issues/mini/records/sign', {});
    expect(early.status).toBe(400);
    expect(await errorOf(early)).toMatch(/^还不能签付印：02-speech\.md：未终审；03-long\.md：未终审；04-table\.md：未终审$/);
    expect(snapshot()).toEqual(before);
  });

  it('signs when all have passed; the printer then sees the issue and takes its press files, nothing else', async () => {
    for (const article of articles.slice(1)) for (const stage of ['复审', '终审']) expect((await pass('chief', article, stage)).status).toBe(200);
    expect((await records()).blockers).toEqual([]);
    const signed = await send('chief', '/issues/mini/records/sign', {});
    expect(signed.status).toBe(200);
    const { commit } = (await signed.json()) as { commit: string };
    expect(git('log', '-1', '--format=%an|%s')).toBe(`主编丙|签付印：mini（${commit}）`);
    expect(git('rev-parse', '--short=10', 'HEAD~1')).toBe(commit);
    const state = await records();
    expect(state.signOff).toMatchObject({ by: '主编丙', commit });
    expect(state.blockers).toEqual(['本期已签付印']);
    expect((await send('chief', '/issues/mini/records/sign', {})).status).toBe(400);

    const list = (await (await send('printer', '/')).json()) as { issues: { id: string }[] };
    expect(list.issues.map((issue) => issue.id)).toEqual(['mini']);
    expect((await send('printer', '/issues/mini/press')).status).toBe(200);
    const press = await send('printer', '/issues/mini/files/press');
    expect(press.status).toBe(200);
    expect(await press.text()).toBe('%PDF-1.3 the press file\n');
    for (const path of ['/issues/mini/files/interior', '/issues/mini/files/proof-1', '/issues/mini/records', '/issues/mini/build'])
      expect((await send('printer', path)).status, path).toBe(403);
    const page = await (await fetch(`${base}/`, { headers: { cookie: clients.printer.cookie } })).text();
    expect(page).toContain('href="/issues/mini/press"');
    expect(page).not.toContain('新建一期');
  });

  it('takes 终审 and the sign-off away when an article is changed outside the desk, and the printer loses the issue', async () => {
    const file = join(issueDir, '03-long.md');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, `${original}\n签字以后在编辑部外加的一段。\n`);
    const state = await records();
    const long = state.articles.find((article) => article.file === '03-long.md')!;
    expect(long.review.passed).toBe(false);
    expect(long.review.lapsed).toMatch(/^终审（主编丙，.*）之后文章改过，终审失效，须重新终审$/);
    expect(state.signOff).toBeUndefined();
    expect(state.blockers).toEqual([expect.stringMatching(/^03-long\.md：终审（主编丙/)]);
    expect((await send('printer', '/issues/mini/files/press')).status).toBe(404);
    const html = await (await fetch(`${base}/issues/mini/records`, { headers: { cookie: clients.proofreader.cookie } })).text();
    expect(html).toContain('之后文章改过，终审失效，须重新终审');
    expect(html).toContain('所签的版本此后有改动：签字失效');
    expect(html).not.toContain('action="/issues/mini/records/pass"');

    // Passed again on the text as it is now, and signed again: the printer has the issue back.
    expect((await pass('chief', '03-long.md', '终审')).status).toBe(200);
    expect((await send('chief', '/issues/mini/records/sign', {})).status).toBe(200);
    expect((await send('printer', '/issues/mini/files/press')).status).toBe(200);
    expect(JSON.parse(readFileSync(recordsPath, 'utf8')).signOffs).toHaveLength(2);
  });

  it('names a records file that does not fit its schema, and does not guess', async () => {
    const kept = readFileSync(recordsPath, 'utf8');
    writeFileSync(recordsPath, kept.replace('"stage": "初审"', '"stage": "四审"'));
    try {
      const response = await send('chief', '/issues/mini/records');
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatch(/^issues\/mini\/records\.json：passes\.0\.stage .*请从 git 历史恢复这个文件$/);
      expect((await send('printer', '/issues/mini/files/press')).status).toBe(404);
    } finally {
      writeFileSync(recordsPath, kept);
    }
  });
});

describe('发稿签 and 付印单', () => {
  const download = async (path: string, name: string) => {
    const response = await send('proofreader', path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent(name));
    const pdf = join(root, 'dist', name);
    writeFileSync(pdf, Buffer.from(await response.arrayBuffer()));
    return pdf;
  };

  it('prints an article’s 发稿签 on one page with its three passes, in the project’s fonts', async () => {
    const pdf = await download('/issues/mini/records/slip/03-long.md', 'mini-03-long-发稿签.pdf');
    expect(pdfInfo(pdf).Pages).toBe('1');
    const text = pageTexts(pdf)[0].replace(/\s+/g, '');
    expect(text).toContain('发稿签');
    expect(text).toContain('测试期刊2025年第1期');
    for (const stage of ['初审主编丙', '复审主编丙', '终审主编丙']) expect(text).toContain(stage);
    expect(text).toContain('终审通过，可以发稿');
    const fonts = pdfFonts(pdf);
    expect(fonts.every((font) => font.embedded && font.type !== 'Type 3')).toBe(true);
    expect(fonts.map((font) => font.name).join(' ')).toMatch(/NotoSerifSC/);
  }, 120_000);

  it('prints the issue’s 付印单 with every article’s 终审 and the sign-off', async () => {
    const pdf = await download('/issues/mini/records/print-order', 'mini-付印单.pdf');
    expect(pdfInfo(pdf).Pages).toBe('1');
    const text = pageTexts(pdf)[0].replace(/\s+/g, '');
    expect(text).toContain('付印单');
    expect(text).toMatch(/同意付印。主编：主编丙/);
    expect(text.match(/主编丙/g)!.length).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
