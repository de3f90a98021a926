import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as deskCommand } from '../src/cli/paibanDeskCli.js';
import type { Role } from '../src/desk/deskUsers.js';
import { routeRoles } from '../src/desk/http/deskAccess.js';
import { createDeskServer } from '../src/desk/http/createDeskServer.js';
import { makePlainManuscript } from './helpers/makeManuscript.js';
import { runCommandLine } from './helpers/runCli.js';
import { makeTempProject } from './helpers/tempProject.js';
import { gitIn, snapshotProject } from './helpers/projectState.js';

const root = makeTempProject('typesetting:\n  adjust: false\n');
let app: FastifyInstance;
let base: string;
const password = 'correct horse battery';
const people: Record<Role, string> = { editor: '编辑甲', chief: '主编丙', proofreader: '校对乙', printer: '印厂丁' };
const allRoles = Object.keys(people) as Role[];

const git = gitIn(root);

/** The project's files with their hashes and git's HEAD: what "nothing changed" compares. */
const snapshot = () => snapshotProject(root, ['dist']);

function users(argv: string[], stdin?: string) {
  return runCommandLine(
    (args, io) => deskCommand(args, { ...io, stdin: stdin === undefined ? undefined : Readable.from([stdin]) }),
    ['users', ...argv, '--root', root],
  );
}

/** One person's browser, reduced to its cookie and the CSRF token the desk gave it. */
interface Client {
  cookie: string;
  csrf: string;
}

async function logIn(name: string, secret = password): Promise<Client> {
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    body: new URLSearchParams({ name, password: secret }),
    headers: { accept: 'application/json' },
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie()[0];
  expect(cookie).toMatch(/^paiban_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=36000$/);
  return { cookie: cookie.split(';')[0], csrf: ((await response.json()) as { csrf: string }).csrf };
}

interface Call {
  method?: 'GET' | 'POST';
  path: string;
  form?: Record<string, string>;
  files?: { name: string; bytes: Uint8Array }[];
  csrf?: string | null;
}

function send(client: Client | undefined, { method = 'GET', path, form, files, csrf }: Call, accept = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { accept };
  if (client) headers.cookie = client.cookie;
  const token = csrf === undefined ? client?.csrf : csrf;
  if (method === 'POST' && token) headers['x-csrf-token'] = token;
  let body: BodyInit | undefined;
  if (files) {
    const data = new FormData();
    for (const [name, value] of Object.entries(form ?? {})) data.append(name, value);
    for (const file of files) data.append('files', new Blob([new Uint8Array(file.bytes)], { type: 'application/pdf' }), file.name);
    body = data;
  } else if (method === 'POST') body = new URLSearchParams(form ?? {});
  return fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' });
}

const clients = {} as Record<Role, Client>;

async function waitForBuilds(): Promise<void> {
  for (let tries = 0; tries < 1200; tries++) {
    const [build, proofs, press] = await Promise.all(
      ['build', 'proofs', 'press'].map(async (page) => (await (await send(clients.editor, { path: `/issues/mini/${page}` })).json()) as { running?: unknown }),
    );
    if (!build.running && !proofs.running && !press.running) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the builds did not end');
}

beforeAll(async () => {
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the project');
  app = await createDeskServer({ root });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('accounts on the command line', () => {
  it('adds, lists, changes and removes accounts, storing scrypt hashes and never the password', async () => {
    expect((await users(['list'])).stdout).toMatch(/^no accounts/);
    for (const role of allRoles) expect((await users(['add', people[role], '--role', role, '--password-stdin'], `${password}\n`)).code).toBe(0);
    const listed = await users(['list']);
    expect(
      listed.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t').slice(0, 2)),
    ).toEqual(allRoles.map((role) => [people[role], role]));
    const stored = readFileSync(join(root, 'desk', 'users.yaml'), 'utf8');
    expect(stored).not.toContain(password);
    expect(stored.match(/password: scrypt\$32768\$8\$1\$/g)).toHaveLength(4);

    const twice = await users(['add', people.editor, '--role', 'editor', '--password-stdin'], `${password}\n`);
    expect(twice.code).toBe(3);
    expect(twice.stderr).toMatch(/already exists/);
    const short = await users(['add', '短', '--role', 'editor', '--password-stdin'], 'abc\n');
    expect(short.code).toBe(3);
    expect(short.stderr).toMatch(/too short/);
    expect((await users(['add', 'x', '--role', 'boss', '--password-stdin'], `${password}\n`)).code).toBe(2);
    const generated = await users(['add', '临时', '--role', 'printer', '--generate']);
    expect(generated.stdout).toMatch(/password \(shown once.*\): \S{16}\n/);
    expect((await users(['remove', '临时'])).code).toBe(0);
    expect((await users(['list'])).stdout).not.toContain('临时');
    expect((await users(['remove', '临时'])).code).toBe(3);
  });

  it('refuses --host other than 127.0.0.1 while no account exists, and names the way to add one', async () => {
    const empty = makeTempProject();
    const result = await runCommandLine(deskCommand, ['--root', empty, '--host', '0.0.0.0', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--host 0\.0\.0\.0: the desk has no accounts yet.*paiban-desk users add/);
  });
});

describe('a desk without accounts', () => {
  it('answers this machine only, whatever Host another machine writes', async () => {
    const desk = await createDeskServer({ root: makeTempProject() });
    try {
      const local = await desk.inject({ method: 'GET', url: '/', headers: { host: '127.0.0.1', accept: 'application/json' } });
      expect(local.statusCode).toBe(200);
      const remote = await desk.inject({ method: 'GET', url: '/', remoteAddress: '192.0.2.9', headers: { host: '127.0.0.1', accept: 'application/json' } });
      expect(remote.statusCode).toBe(403);
      expect(remote.json().error).toMatch(/只接受本机的请求/);
    } finally {
      await desk.close();
    }
  });
});

describe('logging in', () => {
  it('sends pages to the login page and the API a 401 without a session, and lets the right password in', async () => {
    const page = await send(undefined, { path: '/issues/mini' }, 'text/html');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fissues%2Fmini');
    expect((await send(undefined, { path: '/issues/mini' })).status).toBe(401);
    expect((await send(undefined, { method: 'POST', path: '/issues/mini/build' })).status).toBe(401);
    const login = await fetch(`${base}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('name="password" type="password"');
    for (const role of allRoles) clients[role] = await logIn(people[role]);
    expect((await send(clients.editor, { path: '/issues/mini' })).status).toBe(200);
  });

  it('goes back only to a page of the desk after logging in', async () => {
    for (const [next, location] of [
      ['/issues/mini/build', '/issues/mini/build'],
      ['//evil.example/x', '/'],
      ['https://evil.example/', '/'],
    ]) {
      const response = await fetch(`${base}/login`, { method: 'POST', body: new URLSearchParams({ name: people.chief, password, next }), redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(location);
    }
  });

  it('slows ten wrong passwords: after five, each attempt waits, even with the right password', async () => {
    expect((await users(['add', '守门', '--role', 'proofreader', '--password-stdin'], `${password}\n`)).code).toBe(0);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await fetch(`${base}/login`, {
        method: 'POST',
        body: new URLSearchParams({ name: '守门', password: `guess ${attempt}` }),
        headers: { accept: 'application/json' },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses.slice(6)).toEqual([429, 429, 429, 429]);
    // The right password waits as well, and sets no cookie; another person at the same address is not locked out.
    const right = await fetch(`${base}/login`, { method: 'POST', body: new URLSearchParams({ name: '守门', password }), redirect: 'manual' });
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie()).toEqual([]);
    await logIn(people.editor);
  });
});

describe('sessions and CSRF tokens', () => {
  const save = async (client: Client | undefined, csrf?: string | null) => {
    const { text, hash } = (await (await send(clients.editor, { path: '/issues/mini/articles/01-short.md' })).json()) as { text: string; hash: string };
    return send(client, { method: 'POST', path: '/issues/mini/articles/01-short.md', form: { text: `${text}\n改一句。\n`, hash }, csrf });
  };
  const secretOfDesk = () => Buffer.from(readFileSync(join(root, 'desk', 'session-secret'), 'utf8').trim(), 'base64');
  const forge = (secret: Buffer, session: object) => {
    const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
    return `paiban_session=${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
  };
  const sessionOf = (client: Client) => JSON.parse(Buffer.from(client.cookie.split('=')[1].split('.')[0], 'base64url').toString('utf8'));

  it('refuses a change with a missing or forged CSRF token, or another session’s, and writes nothing', async () => {
    const before = snapshot();
    expect((await save(clients.editor, null)).status).toBe(403);
    expect((await save(clients.editor, 'A'.repeat(43))).status).toBe(403);
    expect((await save(clients.editor, clients.chief.csrf)).status).toBe(403);
    const refused = await save(clients.editor, null);
    expect(((await refused.json()) as { error: string }).error).toMatch(/CSRF/);
    expect(snapshot()).toEqual(before);
  });

  it('refuses a cookie signed with another secret, an expired one, and one altered by hand', async () => {
    const session = sessionOf(clients.editor);
    const other = forge(Buffer.alloc(32, 7), session);
    const expired = forge(secretOfDesk(), { ...session, expires: Date.now() - 1000 });
    const promoted = `paiban_session=${Buffer.from(JSON.stringify({ ...session, user: people.chief })).toString('base64url')}.${clients.editor.cookie.split('.')[1]}`;
    for (const cookie of [other, expired, promoted]) {
      expect((await send({ cookie, csrf: clients.editor.csrf }, { path: '/issues/mini' })).status).toBe(401);
      expect((await save({ cookie, csrf: clients.editor.csrf })).status).toBe(401);
    }
    // The same session re-signed with the desk's own secret is accepted: what was refused was the signature and the time.
    expect((await send({ cookie: forge(secretOfDesk(), session), csrf: clients.editor.csrf }, { path: '/issues/mini' })).status).toBe(200);
  });

  it('ends a session at logout, even for a copy of its cookie, and all of a person’s sessions when the password changes', async () => {
    const client = await logIn(people.proofreader);
    const out = await send(client, { method: 'POST', path: '/logout' });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()[0]).toMatch(/^paiban_session=; .*Max-Age=0/);
    expect((await send(client, { path: '/issues/mini' })).status).toBe(401);
    expect((await send(clients.proofreader, { path: '/issues/mini' })).status).toBe(200);

    const printer = await logIn(people.printer);
    expect((await users(['passwd', people.printer, '--password-stdin'], 'another long password\n')).code).toBe(0);
    expect((await send(printer, { path: '/' })).status).toBe(401);
    clients.printer = await logIn(people.printer, 'another long password');
  });

  it('commits a change under the name of the person logged in', async () => {
    const response = await save(clients.chief);
    expect(response.status).toBe(200);
    expect(git('log', '-1', '--format=%an|%s')).toMatch(/^主编丙\|编辑 01-short\.md：改了 \d+ 行$/);
  });
});

/** An action of the desk, as the matrix tries it: the request, and which roles may. */
interface Action {
  call: () => Promise<Call>;
  may: readonly Role[];
  /** The answer to a role that may: 200 unless said (a refusal of the input itself is not a refusal of the role). */
  status?: number;
  /** Starts a build: waited for before the roles that may not are tried. */
  builds?: boolean;
  /** A refusal other than 403: the printer's routes answer 404 for an issue not signed for the press (deskRecords.e2e signs one). */
  refused?: Partial<Record<Role, number>>;
}

describe('every role against every route', () => {
  const staff = ['editor', 'chief'] as const;
  const readers = ['editor', 'chief', 'proofreader'] as const;
  let firstCommit: string;
  let proof: Uint8Array;

  beforeAll(async () => {
    firstCommit = git('rev-list', '--max-parents=0', 'HEAD');
    for (const page of ['build', 'proofs', 'press']) {
      expect((await send(clients.editor, { method: 'POST', path: `/issues/mini/${page}` })).status).toBe(200);
      await waitForBuilds();
    }
    proof = new Uint8Array(await (await send(clients.editor, { path: '/issues/mini/files/proof-1' })).arrayBuffer());
    expect(Buffer.from(proof.subarray(0, 5)).toString()).toBe('%PDF-');
  }, 600_000);

  const hashOf = async (file: string) => ((await (await send(clients.editor, { path: `/issues/mini/articles/${file}` })).json()) as { hash: string }).hash;
  let issueCount = 0;
  const actions: Record<string, Action> = {
    'GET /': { call: async () => ({ path: '/' }), may: allRoles },
    'POST /issues': {
      call: async () => ({ method: 'POST', path: '/issues', form: { id: `n${++issueCount}`, year: '2025', number: '2', date: '2025-06-01' } }),
      may: staff,
    },
    'GET /issues/:id': { call: async () => ({ path: '/issues/mini' }), may: readers },
    'POST /issues/:id/plan/move': {
      call: async () => ({ method: 'POST', path: '/issues/mini/plan/move', form: { article: '02-speech.md', section: '要闻', position: '0' } }),
      may: staff,
    },
    'POST /issues/:id/plan/remove': {
      call: async () => ({ method: 'POST', path: '/issues/mini/plan/remove', form: { article: 'nothing-here.md' } }),
      may: staff,
      status: 400,
    },
    'GET /issues/:id/intake': { call: async () => ({ path: '/issues/mini/intake' }), may: staff },
    'POST /issues/:id/manuscripts': {
      call: async () => ({
        method: 'POST',
        path: '/issues/mini/manuscripts',
        form: { section: '要闻' },
        files: [
          { name: `稿${++issueCount}.docx`, bytes: await makePlainManuscript(['春耕', '夏收', '秋实', '冬藏'][issueCount % 4], '王　五', ['正文一段。']) },
        ],
      }),
      may: staff,
    },
    'POST /issues/:id/manuscripts/accept': {
      call: async () => ({ method: 'POST', path: '/issues/mini/manuscripts/accept', form: { token: '00000000-0000-4000-8000-000000000000' } }),
      may: staff,
      status: 400,
    },
    'GET /issues/:id/articles/:file': { call: async () => ({ path: '/issues/mini/articles/03-long.md' }), may: readers },
    'POST /issues/:id/articles/:file': {
      call: async () => ({
        method: 'POST',
        path: '/issues/mini/articles/03-long.md',
        form: { text: `改过的正文 ${++issueCount}\n`, hash: await hashOf('03-long.md') },
      }),
      may: staff,
    },
    'POST /issues/:id/articles/:file/front-matter': {
      call: async () => ({
        method: 'POST',
        path: '/issues/mini/articles/04-table.md/front-matter',
        form: { title: `表格 ${++issueCount}`, authors: '甲、乙' },
      }),
      may: staff,
    },
    'GET /issues/:id/build': { call: async () => ({ path: '/issues/mini/build' }), may: readers },
    'POST /issues/:id/build': { call: async () => ({ method: 'POST', path: '/issues/mini/build' }), may: staff, builds: true },
    'GET /issues/:id/events': { call: async () => ({ path: '/issues/mini/events' }), may: readers },
    'GET /issues/:id/articles/:file/preview': { call: async () => ({ path: '/issues/mini/articles/01-short.md/preview' }), may: readers },
    'GET /issues/:id/preview/events': { call: async () => ({ path: '/issues/mini/preview/events' }), may: readers },
    // No such file in the preview: 404 to those who may look, 403 to the others.
    'GET /issues/:id/preview/files/*': { call: async () => ({ path: '/issues/mini/preview/files/none.css' }), may: readers, status: 404 },
    'GET /issues/:id/pages/:page': { call: async () => ({ path: '/issues/mini/pages/1?size=small' }), may: readers },
    'GET /issues/:id/files/:name (interior)': { call: async () => ({ path: '/issues/mini/files/interior' }), may: staff },
    'GET /issues/:id/files/:name (proof)': { call: async () => ({ path: '/issues/mini/files/proof-1' }), may: readers },
    'GET /issues/:id/files/:name (press)': { call: async () => ({ path: '/issues/mini/files/press' }), may: staff, refused: { printer: 404 } },
    'GET /issues/:id/record': { call: async () => ({ path: '/issues/mini/record' }), may: readers },
    'GET /issues/:id/proofs': { call: async () => ({ path: '/issues/mini/proofs' }), may: readers },
    'POST /issues/:id/proofs': { call: async () => ({ method: 'POST', path: '/issues/mini/proofs' }), may: staff, builds: true },
    'GET /issues/:id/proofs/:round': { call: async () => ({ path: '/issues/mini/proofs/1' }), may: readers },
    'POST /issues/:id/proofs/:round/marked': {
      call: async () => ({ method: 'POST', path: '/issues/mini/proofs/1/marked', files: [{ name: `校样${++issueCount}.pdf`, bytes: proof }] }),
      may: readers,
    },
    'POST /issues/:id/proofs/:round/decisions': {
      call: async () => ({ method: 'POST', path: '/issues/mini/proofs/1/decisions', form: { key: 'no-such-mark', decision: 'accept' } }),
      may: staff,
      status: 400,
    },
    'POST /issues/:id/proofs/:round/apply': { call: async () => ({ method: 'POST', path: '/issues/mini/proofs/1/apply' }), may: staff },
    'POST /issues/:id/proofs/:round/field': {
      call: async () => ({
        method: 'POST',
        path: '/issues/mini/proofs/1/field',
        form: { file: '01-short.md', key: 'subtitle', value: `副题 ${++issueCount}` },
      }),
      may: staff,
    },
    'GET /issues/:id/press': { call: async () => ({ path: '/issues/mini/press' }), may: staff, refused: { printer: 404 } },
    'POST /issues/:id/press': { call: async () => ({ method: 'POST', path: '/issues/mini/press' }), may: staff, builds: true },
    'GET /issues/:id/history': { call: async () => ({ path: '/issues/mini/history' }), may: readers },
    'GET /issues/:id/diff': { call: async () => ({ path: `/issues/mini/diff?article=01-short.md&from=${firstCommit}` }), may: readers },
    'GET /issues/:id/records': { call: async () => ({ path: '/issues/mini/records' }), may: readers },
    'POST /issues/:id/records/pass': {
      call: async () => ({ method: 'POST', path: '/issues/mini/records/pass', form: { article: '02-speech.md', stage: '初审' } }),
      may: ['chief'],
    },
    // Refused for what it asks (not every article has passed 终审): what is tried here is who may ask.
    'POST /issues/:id/records/sign': { call: async () => ({ method: 'POST', path: '/issues/mini/records/sign' }), may: ['chief'], status: 400 },
    'GET /issues/:id/records/slip/:file': { call: async () => ({ path: '/issues/mini/records/slip/01-short.md' }), may: readers },
    'GET /issues/:id/records/print-order': { call: async () => ({ path: '/issues/mini/records/print-order' }), may: readers },
  };

  it('has a row in the access table for every route the desk serves, and the matrix tries each', () => {
    const tried = new Set(Object.keys(actions).map((name) => name.replace(/ \(.*\)$/, '')));
    expect([...tried].sort()).toEqual(
      Object.keys(routeRoles)
        .filter((route) => route !== 'POST /logout')
        .sort(),
    );
  });

  const results: string[] = [];
  for (const [name, action] of Object.entries(actions)) {
    it(`${name}: ${action.may.join(', ')} may; the others get 403 and change nothing`, async () => {
      for (const role of action.may) {
        const response = await send(clients[role], await action.call());
        const json = response.headers.get('content-type')?.includes('json');
        const said = json ? await response.text() : '';
        if (!json) await response.body?.cancel();
        expect(response.status, `${role} ${name}: ${said}`).toBe(action.status ?? 200);
        results.push(`${name} × ${role}: ${response.status}`);
      }
      if (action.builds) await waitForBuilds();
      for (const role of allRoles.filter((role) => !action.may.includes(role))) {
        const before = snapshot();
        const response = await send(clients[role], await action.call());
        const refusal = action.refused?.[role] ?? 403;
        expect(response.status, `${role} ${name}`).toBe(refusal);
        if (refusal === 403) expect(((await response.json()) as { error: string }).error).toContain(people[role]);
        else await response.body?.cancel();
        if (action.builds) expect(((await (await send(clients.editor, { path: '/issues/mini/build' })).json()) as { running?: unknown }).running).toBeFalsy();
        expect(snapshot()).toEqual(before);
        results.push(`${name} × ${role}: ${refusal}`);
      }
    }, 300_000);
  }

  it('shows each person only the tabs of pages they may open', async () => {
    const tabs = async (role: Role) => {
      const html = await (await send(clients[role], { path: '/issues/mini/history' }, 'text/html')).text();
      return [...html.matchAll(/<nav>(.*?)<\/nav>/gs)][0]?.[1].match(/>([^<]+)<\/a>/g)?.map((tab) => tab.slice(1, -4));
    };
    expect(await tabs('editor')).toEqual(['联络图', '收稿', '排版', '校样', '付印', '历史', '三审三校']);
    expect(await tabs('proofreader')).toEqual(['联络图', '排版', '校样', '历史', '三审三校']);
    const response = await send(clients.proofreader, { path: '/issues/mini/history' }, 'text/html');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const page = await response.text();
    expect(page).toContain(`<meta name="csrf-token" content="${clients.proofreader.csrf}">`);
    expect(page).toContain('校对乙（校对）');
    expect(results.length).toBeGreaterThan(100);
  });
});
