/**
 * An undecided mark (a strike-out with a query typed into it: delete, or replace by what was typed?) decided in the
 * desk by choosing one of its readings: refused by the server when the choice is not one of the mark's readings
 * (HTTP, as a script or an attacker would send it), chosen and changed in the corrections table in real Chromium,
 * then applied by 核红 as the chosen edit.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markProof } from './helpers/markProof.js';
import { type OpenDesk, openDesk } from './helpers/openDesk.js';
import { makeTempProject } from './helpers/tempProject.js';

const root = makeTempProject('proof:\n  lineStep: 1\ntypesetting:\n  adjust: false\n');
const article = join(root, 'issues', 'mini', '01-short.md');
let desk: OpenDesk;

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=编辑甲', '-c', 'user.email=a@example.org', ...args], { cwd: root, encoding: 'utf8' }).trim();
const json = { accept: 'application/json' };

async function decide(key: string, decision: string): Promise<{ status: number; body: { ok: boolean; error?: string } }> {
  const response = await fetch(`${desk.base}/issues/mini/proofs/1/decisions`, {
    method: 'POST',
    headers: { ...json, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ key, decision }),
  });
  return { status: response.status, body: await response.json() };
}

interface Row {
  key: string;
  decision?: string;
  correction: { kind: string; status: string; marked: string; text: string; readings?: { kind: string; text: string }[]; chosen?: number };
}
const rows = async (): Promise<Row[]> => ((await (await fetch(`${desk.base}/issues/mini/proofs/1`, { headers: json })).json()) as { rows: Row[] }).rows;

beforeAll(async () => {
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the project');
  desk = await openDesk(root);
  expect((await fetch(`${desk.base}/issues/mini/proofs`, { method: 'POST', headers: json })).status).toBe(200);
  for (;;) {
    const state = (await (await fetch(`${desk.base}/issues/mini/proofs`, { headers: json })).json()) as { rounds: unknown[]; running: boolean };
    if (state.rounds.length > 0 && !state.running) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const proofBytes = new Uint8Array(await (await fetch(`${desk.base}/issues/mini/files/proof-1`)).arrayBuffer());
  const proofPath = join(root, 'proof-1.pdf');
  writeFileSync(proofPath, proofBytes);
  const marked = await markProof(proofPath, proofBytes, '校对乙', [
    { kind: 'delete', before: '会议强调，要坚持', target: '正确', note: '请核实是否保留' },
    { kind: 'replace', before: '测试期刊2025年编辑工作会议在', target: '济南', text: '青岛' },
  ]);
  const form = new FormData();
  form.append('files', new Blob([Buffer.from(marked)], { type: 'application/pdf' }), '校对乙.pdf');
  expect((await fetch(`${desk.base}/issues/mini/proofs/1/marked`, { method: 'POST', headers: json, body: form })).status).toBe(200);
}, 600_000);

afterAll(async () => {
  await desk?.close();
});

describe('an undecided mark in the corrections table', () => {
  it('takes only one of its own readings (HTTP)', async () => {
    const [undecided, replace] = await rows();
    expect(undecided.correction).toMatchObject({
      status: 'undecided',
      marked: '正确',
      readings: [{ kind: 'delete' }, { kind: 'replace', text: '请核实是否保留' }],
    });
    expect(replace.correction).toMatchObject({ status: 'pending', marked: '济南', text: '青岛' });
    const before = git('rev-parse', 'HEAD');
    expect(await decide(undecided.key, 'accept')).toMatchObject({ status: 400, body: { ok: false, error: expect.stringContaining('选一种读法') } });
    expect(await decide(undecided.key, 'reading-2')).toMatchObject({ status: 400, body: { error: expect.stringContaining('只有2种读法') } });
    expect((await decide(undecided.key, 'reading-x')).status).toBe(400);
    expect(await decide(replace.key, 'reading-0')).toMatchObject({ status: 400, body: { error: expect.stringContaining('没有待选的读法') } });
    expect(git('rev-parse', 'HEAD')).toBe(before);

    expect(await decide(undecided.key, 'reading-1')).toMatchObject({ status: 200, body: { ok: true } });
    expect(git('log', '-1', '--format=%s')).toBe('第1校：校对乙的标注按“改为请核实是否保留”改（issues/mini/01-short.md:7，“正确” → “请核实是否保留”）');
    // The same mark (same key), now read as the chosen edit and accepted: no longer waiting.
    const chosen = (await rows()).find((row) => row.key === undecided.key)!;
    expect(chosen).toMatchObject({ decision: 'reading-1', correction: { kind: 'replace', status: 'pending', text: '请核实是否保留', chosen: 1 } });
  });

  it('is decided by a click on the reading, and 核红 applies that reading (Chromium)', async () => {
    const { page } = desk;
    await page.goto(`${desk.base}/issues/mini/proofs/1`);
    const undecided = (await rows()).find((candidate) => candidate.correction.marked === '正确')!;
    const row = `#mark-${undecided.key}`;
    // biome-ignore lint/performance/useDomNodeTextContent: the test reads the row as the editor sees it
    const rowText = () => page.$eval(row, (element) => (element as HTMLElement).innerText);
    expect(await rowText()).toContain('已接受（按所选读法）');
    const buttons = await page.$$eval(`${row} button.reading`, (list) => list.map((button) => [button.textContent, (button as HTMLButtonElement).disabled]));
    expect(buttons).toEqual([
      ['删去“正确”', false],
      ['改为“请核实是否保留”', true],
    ]);
    if (process.env.DESK_SCREENSHOTS) await page.screenshot({ path: join(process.env.DESK_SCREENSHOTS, 'corrections-readings.png'), fullPage: true });
    // The editor changes their mind: delete (htmx swaps the row in place).
    await page.click(`${row} button.reading:not([disabled])`);
    await page.waitForFunction((selector) => document.querySelector(`${selector} button.reading`)?.hasAttribute('disabled'), {}, row);
    expect(await rowText()).toMatch(/正确\s*→\s*（删去）/);
    expect(git('log', '-1', '--format=%s')).toMatch(/^第1校：校对乙的标注按“删去”改（issues\/mini\/01-short\.md:7，“正确” → “”）$/);

    await Promise.all([page.waitForNavigation(), page.click('#apply button')]);
    // biome-ignore lint/performance/useDomNodeTextContent: as above
    expect(await page.$eval('#applied', (element) => (element as HTMLElement).innerText)).toContain('核红完成');
    const source = readFileSync(article, 'utf8');
    expect(source).toContain('会议强调，要坚持办刊方向');
    // The replacement was neither accepted nor rejected: not applied.
    expect(source).toContain('在济南召开');
    expect(git('log', '-1', '--format=%s')).toMatch(/^第1校核红：改入1处校改（01-short\.md）$/);
  });
});
