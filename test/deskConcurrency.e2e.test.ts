import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../src/desk/deskUsers.js';
import { createDeskServer } from '../src/desk/http/createDeskServer.js';
import { makePlainManuscript } from './helpers/makeManuscript.js';
import { markProof } from './helpers/markProof.js';
import { pageTexts, squeeze } from './helpers/pdfTools.js';
import { makeTempProject } from './helpers/tempProject.js';
import { gitIn } from './helpers/projectState.js';

const root = makeTempProject('proof:\n  lineStep: 1\ntypesetting:\n  adjust: false\n');
const password = 'a long enough password';
let app: FastifyInstance;
let base: string;
type Client = { cookie: string; csrf: string };
const people: Record<string, Client> = {};

const git = gitIn(root);
const article = (file: string) => readFileSync(join(root, 'issues', 'mini', file), 'utf8');

async function send(who: string, path: string, init: { method?: string; form?: Record<string, string>; body?: FormData; json?: boolean } = {}) {
  const client = people[who];
  const headers: Record<string, string> = { cookie: client.cookie, 'x-csrf-token': client.csrf };
  if (init.json !== false) headers.accept = 'application/json';
  const body = init.form ? new URLSearchParams(init.form) : init.body;
  return fetch(`${base}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
}

async function open(who: string, file: string): Promise<{ text: string; hash: string }> {
  return (await send(who, `/issues/mini/articles/${file}`)).json() as Promise<{ text: string; hash: string }>;
}

/** Resolves with the first event of the builds that `accept` takes (Server-Sent Events, as the page reads them). */
async function waitForEvent(who: string, accept: (type: string, data: { message?: string }) => boolean): Promise<void> {
  const response = await send(who, '/issues/mini/events', { json: false });
  const reader = response.body!.getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += new TextDecoder().decode(value);
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1] ?? '';
        const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}');
        if (accept(type, data)) return;
      }
    }
  } finally {
    await reader.cancel();
  }
}

beforeAll(async () => {
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the project');
  for (const [name, role] of [
    ['编辑甲', 'editor'],
    ['编辑乙', 'editor'],
    ['校对丙', 'proofreader'],
    ['校对丁', 'proofreader'],
  ] as const)
    await addUser(root, name, role, password);
  app = await createDeskServer({ root });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  for (const name of ['编辑甲', '编辑乙', '校对丙', '校对丁']) {
    const response = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name, password }),
    });
    people[name] = { cookie: response.headers.get('set-cookie')!.split(';')[0], csrf: ((await response.json()) as { csrf: string }).csrf };
  }
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('several people at one desk', () => {
  it('refuses the second of two editors saving one article, saying who changed it, with both texts', async () => {
    const [first, second] = [await open('编辑甲', '04-table.md'), await open('编辑乙', '04-table.md')];
    expect(first.hash).toBe(second.hash);
    const saved = await send('编辑甲', '/issues/mini/articles/04-table.md', { form: { text: `${first.text}甲补的一句。\n`, hash: first.hash } });
    expect(saved.status).toBe(200);
    const stale = await send('编辑乙', '/issues/mini/articles/04-table.md', { form: { text: `${second.text}乙补的一句。\n`, hash: second.hash } });
    expect(stale.status).toBe(409);
    const refused = (await stale.json()) as { error: string; current: { text: string; hash: string }; yours: string; change: { author: string } };
    expect(refused.error).toMatch(/04-table\.md 在你打开之后被改过（编辑甲于.*“编辑 04-table\.md：改了 \d+ 行”）/);
    expect(refused.change.author).toBe('编辑甲');
    expect(refused.current.text).toContain('甲补的一句。');
    expect(refused.yours).toContain('乙补的一句。');
    expect(article('04-table.md')).not.toContain('乙补的一句');
    // The page shows both texts to merge (escaped), and the merged save goes through: both sentences kept.
    const page = await send('编辑乙', '/issues/mini/articles/04-table.md', { form: { text: `${second.text}乙补的一句。\n`, hash: second.hash }, json: false });
    expect(page.status).toBe(409);
    const html = await page.text();
    expect(html).toContain('甲补的一句。');
    expect(html).toContain('乙补的一句。');
    const merged = await send('编辑乙', '/issues/mini/articles/04-table.md', {
      form: { text: `${refused.current.text}乙补的一句。\n`, hash: refused.current.hash },
    });
    expect(merged.status).toBe(200);
    expect(article('04-table.md')).toMatch(/甲补的一句。\n乙补的一句。\n$/);
    expect(git('log', '-2', '--format=%an', '--', 'issues/mini/04-table.md').split('\n')).toEqual(['编辑乙', '编辑甲']);
  }, 60_000);

  it('builds a proof round from the sources as they were at its start, while an editor saves', async () => {
    const paginating = waitForEvent('编辑甲', (type, data) => type === 'stage' && data.message === 'paginating');
    const started = await send('编辑甲', '/issues/mini/proofs', { method: 'POST' });
    expect(started.status).toBe(200);
    await paginating;
    const opened = await open('编辑乙', '02-speech.md');
    const during = await send('编辑乙', '/issues/mini/articles/02-speech.md', { form: { text: `${opened.text}排版中补进的一句话。\n`, hash: opened.hash } });
    expect(during.status).toBe(200);
    const saveCommit = git('rev-parse', '--short=10', 'HEAD');
    await waitForEvent('编辑甲', (type) => type === 'done' || type === 'failed' || type === 'hello');
    for (let tries = 0; tries < 600; tries++) {
      const { running } = (await (await send('编辑甲', '/issues/mini/proofs')).json()) as { running: boolean };
      if (!running) break;
      await new Promise((done) => setTimeout(done, 500));
    }
    const { rounds } = (await (await send('编辑甲', '/issues/mini/proofs')).json()) as { rounds: { round: number; revision: string }[] };
    expect(rounds.map((round) => round.round)).toEqual([1]);
    expect(rounds[0].revision).not.toBe(saveCommit);
    const proof = join(root, 'proof-1.pdf');
    writeFileSync(proof, Buffer.from(await (await send('编辑甲', '/issues/mini/files/proof-1', { json: false })).arrayBuffer()));
    const printed = squeeze(pageTexts(proof).join(''));
    expect(printed).toContain(squeeze('会议强调，要坚持正确办刊方向'));
    expect(printed).not.toContain('排版中补进的一句话');
    expect(article('02-speech.md')).toContain('排版中补进的一句话。');
  }, 600_000);

  it('keeps both of two marked proofs of one name uploaded at once by two proofreaders', async () => {
    const proof = join(root, 'proof-1.pdf');
    const bytes = Uint8Array.from(readFileSync(proof));
    const marked = {
      校对丙: await markProof(proof, bytes, '校对丙', [{ kind: 'insert', before: '会议强调，要', text: '始终' }]),
      校对丁: await markProof(proof, bytes, '校对丁', [{ kind: 'insert', before: '提高刊物', text: '切实' }]),
    };
    const uploads = await Promise.all(
      Object.entries(marked).map(([who, pdf]) => {
        const body = new FormData();
        body.append('files', new Blob([Buffer.from(pdf)], { type: 'application/pdf' }), '标注校样.pdf');
        return send(who, '/issues/mini/proofs/1/marked', { body });
      }),
    );
    expect(uploads.map((upload) => upload.status)).toEqual([200, 200]);
    const table = (await (await send('编辑甲', '/issues/mini/proofs/1')).json()) as {
      marked: string[];
      rows: { key: string; correction: { author: string; text: string } }[];
    };
    expect(table.marked.sort()).toEqual(['标注校样-2.pdf', '标注校样.pdf']);
    expect(table.rows.map((row) => `${row.correction.author}:${row.correction.text}`).sort()).toEqual(['校对丁:切实', '校对丙:始终']);
    const authors = git('log', '-2', '--format=%an').split('\n').sort();
    expect(authors).toEqual(['校对丁', '校对丙']);
  }, 120_000);

  it('never interleaves 核红 with a save of the same article: nothing of either is lost', async () => {
    const { rows } = (await (await send('编辑甲', '/issues/mini/proofs/1')).json()) as { rows: { key: string }[] };
    // Two decisions at once: decisions.json is read and written back by each, and keeps both.
    const decided = await Promise.all(rows.map((row) => send('编辑甲', '/issues/mini/proofs/1/decisions', { form: { key: row.key, decision: 'accept' } })));
    expect(decided.map((answer) => answer.status)).toEqual([200, 200]);
    const opened = await open('编辑乙', '01-short.md');
    const [applied, saved] = await Promise.all([
      send('编辑甲', '/issues/mini/proofs/1/apply', { method: 'POST' }),
      send('编辑乙', '/issues/mini/articles/01-short.md', { form: { text: `${opened.text}核红时补的一句。\n`, hash: opened.hash } }),
    ]);
    const result = (await applied.json()) as { ok: boolean };
    const text = article('01-short.md');
    if (saved.status === 200) {
      // The save came first: the marks are applied on top of it, or named as conflicts; the save is in the file.
      expect(text).toContain('核红时补的一句。');
      if (result.ok) expect(text).toMatch(/要始终坚持[\s\S]*提高刊物切实质量/);
    } else {
      // The apply came first: the save is refused as stale and gives its text back; the marks are in the file.
      expect(saved.status).toBe(409);
      const refused = (await saved.json()) as { yours: string; change: { author: string } };
      expect(refused.yours).toContain('核红时补的一句。');
      expect(refused.change.author).toBe('编辑甲');
      expect(result.ok).toBe(true);
      expect(text).toContain('要始终坚持');
      expect(text).toContain('提高刊物切实质量');
    }
  }, 120_000);

  it('imports two manuscripts into one issue at once, both planned, while another issue is not held up', async () => {
    const other = await send('编辑甲', '/issues', { form: { id: 'other', year: '2025', number: '2', date: '2025-06-01' } });
    expect(other.status).toBe(200);
    const upload = async (who: string, title: string) => {
      const body = new FormData();
      body.append('section', '理论与实践');
      body.append('files', new Blob([new Uint8Array(await makePlainManuscript(title, '王　五', ['正文一段。']))]), `${title}.docx`);
      return send(who, '/issues/mini/manuscripts', { body });
    };
    const [first, second, elsewhere] = await Promise.all([
      upload('编辑甲', '春耕'),
      upload('编辑乙', '秋实'),
      send('编辑甲', '/issues/other/articles/none.md', { form: { text: 'x', hash: 'y' } }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(elsewhere.status).toBe(400); // answered (no such article) without waiting for mini's imports
    const plan = readFileSync(join(root, 'issues', 'mini', 'issue.yaml'), 'utf8');
    expect(plan).toMatch(/春耕|05-/);
    const planned = ((await (await send('编辑甲', '/issues/mini')).json()) as { sections: { articles: { title: string }[] }[] }).sections.flatMap((section) =>
      section.articles.map((entry) => entry.title),
    );
    expect(planned).toEqual(expect.arrayContaining(['春耕', '秋实']));
  }, 120_000);
});
