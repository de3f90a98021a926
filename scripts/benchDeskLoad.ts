/**
 * The desk's load row of `npm run bench`, on loopback only and bounded: ten people logged in (proofreaders) browsing
 * the desk's pages and uploading marked proofs while an editor's two builds run (issue 2024-4 and a copy of it). It
 * reports every answer that was not a success (none expected), whether every mark uploaded is in the corrections
 * table (none lost), and the page latency at the 95th percentile under load beside the same pages on the idle desk,
 * measured in the same run.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addUser } from '../src/desk/deskUsers.js';
import { createDeskServer } from '../src/desk/http/createDeskServer.js';
import { markProofFile } from './markProof.js';

export interface LoadMeasure {
  idleP95: number;
  loadP95: number;
  pageViews: number;
  uploads: number;
  errors: string[];
  marksUploaded: number;
  marksInTable: number;
}

const people = 10;
const viewsPerPerson = 12;
const uploadsPerPerson = 2;
const password = 'bench password, long enough';
const pages = ['/', '/issues/2024-4', '/issues/2024-4/build', '/issues/2024-4/proofs', '/issues/2024-4/history'];

const percentile95 = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.min(numbers.length - 1, Math.floor(numbers.length * 0.95))];

export async function benchDeskLoad(source: string, work: string, chrome: string): Promise<LoadMeasure> {
  const root = join(work, 'load');
  mkdirSync(join(root, 'issues'), { recursive: true });
  writeFileSync(join(root, 'periodical.yaml'), readFileSync(join(source, 'periodical.yaml')));
  cpSync(join(source, 'issues', '2024-4'), join(root, 'issues', '2024-4'), { recursive: true });
  cpSync(join(source, 'issues', '2024-4'), join(root, 'issues', '2024-4b'), { recursive: true });
  const names = Array.from({ length: people }, (_, index) => `校对${index + 1}`);
  await addUser(root, '编辑', 'editor', password);
  for (const name of names) await addUser(root, name, 'proofreader', password);

  const app = await createDeskServer({ root, chrome });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const errors: string[] = [];
  try {
    const session = async (name: string) => {
      const response = await fetch(`${base}/login`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name, password }),
      });
      const { csrf } = (await response.json()) as { csrf: string };
      return { cookie: response.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': csrf };
    };
    const editor = await session('编辑');
    const call = async (headers: Record<string, string>, path: string, init: { method?: string; body?: FormData; json?: boolean } = {}) => {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, {
        method: init.method ?? (init.body ? 'POST' : 'GET'),
        headers: { ...headers, ...(init.json ? { accept: 'application/json' } : {}) },
        body: init.body,
        redirect: 'manual',
      }).catch((error: Error) => ({ status: 0, statusText: error.message, text: async () => '' }) as Response);
      const text = await response.text();
      if (response.status >= 400 || response.status === 0) errors.push(`${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 200)}`);
      return { seconds: (performance.now() - started) / 1000, text };
    };
    const waitForBuilds = async (issues: string[]) => {
      for (const issue of issues)
        while (JSON.parse((await call(editor, `/issues/${issue}/proofs`, { json: true })).text).running) await new Promise((done) => setTimeout(done, 500));
    };

    // Proof round 1 of 2024-4, made at the desk, and a marked copy of it for every upload (not timed).
    await call(editor, '/issues/2024-4/proofs', { method: 'POST', json: true });
    await waitForBuilds(['2024-4']);
    const proof = join(work, 'load-proof-1.pdf');
    writeFileSync(proof, Buffer.from(await (await fetch(`${base}/issues/2024-4/files/proof-1`, { headers: editor })).arrayBuffer()));
    // Each upload its own marks (its own author): read-proof folds one person's identical marks into one.
    let marks = 0;
    const markedBytes: Uint8Array[][] = [];
    for (const name of names) {
      const turns: Uint8Array[] = [];
      for (let turn = 1; turn <= uploadsPerPerson; turn++) {
        const marked = join(work, `load-${name}-${turn}.pdf`);
        marks = (await markProofFile(proof, '2024-4', marked, `${name}-${turn}`)).marks;
        turns.push(new Uint8Array(readFileSync(marked)));
      }
      markedBytes.push(turns);
    }

    const sessions = await Promise.all(names.map(session));
    const browse = async (headers: Record<string, string>, count: number) => {
      const seconds: number[] = [];
      for (let view = 0; view < count; view++) seconds.push((await call(headers, pages[view % pages.length])).seconds);
      return seconds;
    };
    const idle = await browse(sessions[0], viewsPerPerson * 2);

    // Under load: two builds started, then everyone browses and uploads at once until each has done their share.
    const builds = ['2024-4', '2024-4b'].map((issue) => call(editor, `/issues/${issue}/build`, { method: 'POST', json: true }));
    await Promise.all(builds);
    let uploads = 0;
    const loaded = await Promise.all(
      sessions.map(async (headers, person) => {
        const seconds: number[] = [];
        for (let turn = 0; turn < uploadsPerPerson; turn++) {
          seconds.push(...(await browse(headers, viewsPerPerson / uploadsPerPerson)));
          const body = new FormData();
          body.append(
            'files',
            new Blob([markedBytes[person][turn] as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
            `${names[person]}-${turn + 1}.pdf`,
          );
          const answer = await call(headers, '/issues/2024-4/proofs/1/marked', { body, json: true });
          if (JSON.parse(answer.text || '{}').outcomes?.every((outcome: { error?: string }) => !outcome.error)) uploads++;
        }
        return seconds;
      }),
    );
    await waitForBuilds(['2024-4', '2024-4b']);
    const table = JSON.parse((await call(editor, '/issues/2024-4/proofs/1', { json: true })).text) as { marked: string[]; rows: unknown[] };
    return {
      idleP95: percentile95(idle),
      loadP95: percentile95(loaded.flat()),
      pageViews: loaded.flat().length,
      uploads,
      errors,
      marksUploaded: uploads * marks,
      marksInTable: table.marked.length === uploads ? table.rows.length : -1,
    };
  } finally {
    await app.close();
  }
}
