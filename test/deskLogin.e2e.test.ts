import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../src/desk/deskUsers.js';
import { markProof } from './helpers/markProof.js';
import { type OpenDesk, openDesk } from './helpers/openDesk.js';
import { makeTempProject } from './helpers/tempProject.js';
import { gitIn } from './helpers/projectState.js';

const root = makeTempProject('proof:\n  lineStep: 1\ntypesetting:\n  adjust: false\n');
const uploads = mkdtempSync(join(tmpdir(), 'paiban-desk-uploads-'));
const password = 'a long enough password';
let base: string;
let desk: OpenDesk | undefined;
let page: Page;

const git = gitIn(root);
const lastCommit = () => git('log', '-1', '--format=%an|%s');
// biome-ignore lint/performance/useDomNodeTextContent: the test reads the page as the person sees it, laid out
const text = (selector: string) => page.$eval(selector, (element) => (element as HTMLElement).innerText);
const tabs = () => page.$$eval('header nav a', (links) => links.map((link) => link.textContent));

async function submit(selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ timeout: 60_000 }), page.click(selector)]);
}

async function logIn(name: string, secret = password): Promise<void> {
  await page.type('#login input[name=name]', name);
  await page.type('#login input[name=password]', secret);
  await submit('#login button[type=submit]');
}

async function screenshot(name: string): Promise<void> {
  if (process.env.DESK_SCREENSHOTS) await page.screenshot({ path: join(process.env.DESK_SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the project');
  await addUser(root, '编辑甲', 'editor', password);
  await addUser(root, '校对乙', 'proofreader', password);
  desk = await openDesk(root);
  ({ base, page } = desk);
}, 60_000);

afterAll(async () => {
  await desk?.close();
});

describe('two people at the desk, each logged in', () => {
  it('sends a visitor to the login page, refuses a wrong password, and lets the editor in where they were going', async () => {
    await page.goto(`${base}/issues/mini/proofs`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot('login');
    await logIn('编辑甲', 'not the password');
    expect(await text('.login .flash.error')).toBe('用户名或密码不对');
    await page.$eval('#login input[name=name]', (input) => {
      (input as HTMLInputElement).value = '';
    });
    await logIn('编辑甲');
    expect(new URL(page.url()).pathname).toBe('/issues/mini/proofs');
    expect(await text('header .who span')).toBe('编辑甲（编辑）');
    expect(await tabs()).toEqual(['联络图', '收稿', '排版', '校样', '付印', '历史', '三审三校']);
    const cookies = await page.cookies();
    expect(cookies.find((cookie) => cookie.name === 'paiban_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  });

  it('lets the editor make proof round 1 and save an article, each a commit in their name', async () => {
    await submit('#make-round');
    await page.waitForSelector('a[href="/issues/mini/proofs/1"]', { timeout: 240_000 });
    expect(lastCommit()).toMatch(/^编辑甲\|出第1校校样/);
    await page.goto(`${base}/issues/mini/articles/01-short.md`);
    await page.type('form.edit textarea', '编辑补的一句。\n');
    await submit('form.edit button[type=submit]');
    expect(page.url()).toContain('saved=1');
    expect(lastCommit()).toMatch(/^编辑甲\|编辑 01-short\.md：改了 \d+ 行$/);
    await submit('header .who button');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect((await page.goto(`${base}/issues/mini`))?.url()).toContain('/login?next=');
  }, 300_000);

  it('lets the proofreader upload a marked proof under their name, and nothing of an editor’s', async () => {
    await logIn('校对乙');
    expect(await text('header .who span')).toBe('校对乙（校对）');
    await page.goto(`${base}/issues/mini/proofs/1`);
    expect(await tabs()).toEqual(['联络图', '排版', '校样', '历史', '三审三校']);
    const proof = await page.evaluate(async () => Array.from(new Uint8Array(await (await fetch('/issues/mini/files/proof-1')).arrayBuffer())));
    const proofPath = join(uploads, 'proof-1.pdf');
    writeFileSync(proofPath, Uint8Array.from(proof));
    const marked = await markProof(proofPath, Uint8Array.from(proof), '校对乙', [{ kind: 'insert', before: '会议强调，要', text: '始终' }]);
    writeFileSync(join(uploads, '校对乙.pdf'), marked);
    const input = await page.$('#upload-marked input[type=file]');
    await input!.uploadFile(join(uploads, '校对乙.pdf'));
    await submit('#upload-marked button[type=submit]');
    expect(await text('.uploads')).toContain('✓ 校对乙.pdf：已收到');
    expect(lastCommit()).toBe('校对乙|第1校：收到标注校样 校对乙.pdf');
    await screenshot('proofreader-round');

    // The accept button is on the page, but the server refuses a proofreader's decision; the mark stays undecided.
    const head = git('rev-parse', 'HEAD');
    await page.click('#corrections tbody tr button.accept');
    await page.waitForFunction(() => !document.querySelector<HTMLElement>('[data-flash]')?.hidden, { timeout: 10_000 });
    expect(await text('[data-flash]')).toMatch(/校对乙（校对）不能做这件事/);
    expect(git('rev-parse', 'HEAD')).toBe(head);
    const intake = await page.goto(`${base}/issues/mini/intake`);
    expect(intake?.status()).toBe(403);
    expect(await text('main')).toMatch(/不能做这件事/);
    await page.goto(`${base}/issues/mini/proofs/1`);
    await submit('header .who button');
  }, 120_000);

  it('lets the editor accept the proofreader’s mark, in the editor’s name', async () => {
    await page.goto(`${base}/issues/mini/proofs/1`);
    await logIn('编辑甲');
    await page.click('#corrections tbody tr button.accept');
    await page.waitForFunction(() => document.querySelector('#corrections tbody tr')?.textContent?.includes('已接受'), { timeout: 10_000 });
    expect(lastCommit()).toMatch(/^编辑甲\|第1校：接受校对乙的校改/);
    const authors = git('log', '--format=%an', '-5').split('\n');
    expect(authors.slice(0, 4)).toEqual(['编辑甲', '校对乙', '编辑甲', '编辑甲']);
  }, 60_000);
});
