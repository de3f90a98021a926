/**
 * The desk served to an office network, on running servers: HTTPS with --cert/--key (a self-signed certificate made
 * by openssl here; a request over https is answered and the session cookie is Secure); the security headers on every
 * kind of answer; a logout that holds after the desk restarts; `paiban-desk rotate-secret` ending every session of a
 * running desk. (`--host 0.0.0.0` with no accounts refused: test/deskAccess.e2e.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as deskCommand } from '../src/cli/paibanDeskCli.js';
import { addUser } from '../src/desk/deskUsers.js';
import { createDeskServer } from '../src/desk/http/createDeskServer.js';
import { runCommandLine } from './helpers/runCli.js';
import { makeTempProject } from './helpers/tempProject.js';

const root = makeTempProject();
const password = 'a long enough password';

beforeAll(async () => {
  await addUser(root, '编辑甲', 'editor', password);
}, 30_000);

/** A desk of the project on a free loopback port; `close` stops it. */
async function startDesk(): Promise<{ base: string; close: () => Promise<void> }> {
  const app = await createDeskServer({ root });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`, close: () => app.close() };
}

async function logIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: '编辑甲', password }),
  });
  expect(response.status).toBe(200);
  const { csrf } = (await response.json()) as { csrf: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0], csrf };
}

const issues = (base: string, cookie: string) => fetch(`${base}/`, { headers: { accept: 'application/json', cookie } }).then((response) => response.status);

describe('HTTPS with --cert and --key', () => {
  const stop = new AbortController();
  let running: Promise<{ code: number; stdout: string; stderr: string }>;
  let stdout = '';
  let cert: Buffer;

  beforeAll(async () => {
    const keyPath = join(root, 'desk', 'key.pem');
    const certPath = join(root, 'desk', 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', keyPath, '-out', certPath], {
      stdio: 'ignore',
    });
    cert = readFileSync(certPath);
    running = runCommandLine(
      (argv, io) =>
        deskCommand(argv, {
          ...io,
          stdout: {
            write: (text: string) => {
              stdout += text;
              return io.stdout.write(text);
            },
          },
        }),
      ['--root', root, '--port', '0', '--cert', certPath, '--key', keyPath],
      { signal: stop.signal },
    );
    for (let tries = 0; !stdout && tries < 200; tries++) await new Promise((done) => setTimeout(done, 50));
  }, 60_000);

  afterAll(async () => {
    stop.abort();
    await running;
  });

  /** A request over https trusting the test's own certificate only (the name is localhost, as in the certificate). */
  function httpsRequest(path: string, method = 'GET', body?: string) {
    const port = Number(/:(\d+)\//.exec(stdout)![1]);
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((done, fail) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          servername: 'localhost',
          port,
          path,
          method,
          ca: cert,
          headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        },
        (incoming) => {
          let text = '';
          incoming.on('data', (chunk) => (text += chunk));
          incoming.on('end', () => done({ status: incoming.statusCode!, headers: incoming.headers, body: text }));
        },
      );
      outgoing.on('error', fail);
      outgoing.end(body);
    });
  }

  it('prints an https address and answers over TLS, with a Secure session cookie and HSTS', async () => {
    expect(stdout).toMatch(/^paiban-desk: https:\/\/127\.0\.0\.1:\d+\//);
    const login = await httpsRequest('/login', 'POST', new URLSearchParams({ name: '编辑甲', password }).toString());
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/^paiban_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    expect(login.headers['strict-transport-security']).toBe('max-age=31536000');
    const page = await httpsRequest('/login');
    expect(page.status).toBe(200);
  });

  it('refuses --cert without --key, naming both', async () => {
    const result = await runCommandLine(deskCommand, ['--root', root, '--port', '0', '--cert', join(root, 'desk', 'cert.pem')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--cert and --key go together/);
  });
});

describe('security headers', () => {
  it('are on every answer: a page, JSON, the login page, an error, a 404, the desk’s script', async () => {
    const desk = await startDesk();
    try {
      const { cookie } = await logIn(desk.base);
      const answers = await Promise.all(
        [
          ['/', { cookie }],
          ['/', { cookie, accept: 'application/json' }],
          ['/login', {}],
          ['/issues/mini/files/nonsense', { cookie }],
          ['/no/such/page', { cookie }],
          ['/assets/desk/desk.js', {}],
          ['/issues/mini', {}],
        ].map(([path, headers]) => fetch(`${desk.base}${path}`, { headers: headers as Record<string, string>, redirect: 'manual' })),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 400, 404, 200, 303]);
      for (const answer of answers) {
        const policy = answer.headers.get('content-security-policy') ?? '';
        expect(policy).toContain("script-src 'self'");
        expect(policy).toContain("style-src 'self'");
        expect(policy).toContain("frame-ancestors 'none'");
        expect(policy).not.toContain('unsafe-inline');
        expect(answer.headers.get('x-frame-options')).toBe('DENY');
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        expect(answer.headers.get('referrer-policy')).toBe('same-origin');
        expect(answer.headers.get('strict-transport-security')).toBeNull(); // plain http: no HSTS
      }
    } finally {
      await desk.close();
    }
  });
});

describe('ending sessions', () => {
  it('keeps a logout after the desk restarts: a copy of the cookie stays refused', async () => {
    const first = await startDesk();
    const { cookie, csrf } = await logIn(first.base);
    const kept = await logIn(first.base); // another session of the same person, not logged out
    const out = await fetch(`${first.base}/logout`, { method: 'POST', headers: { accept: 'application/json', cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(200);
    expect(await issues(first.base, cookie)).toBe(401);
    await first.close();
    expect(JSON.parse(readFileSync(join(root, 'desk', 'ended-sessions.json'), 'utf8'))).toEqual(expect.any(Object));
    expect(readFileSync(join(root, 'desk', '.gitignore'), 'utf8')).toContain('ended-sessions.json');

    const second = await startDesk();
    try {
      expect(await issues(second.base, cookie)).toBe(401);
      expect(await issues(second.base, kept.cookie)).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('ends every session of a running desk with paiban-desk rotate-secret', async () => {
    const desk = await startDesk();
    try {
      const { cookie } = await logIn(desk.base);
      expect(await issues(desk.base, cookie)).toBe(200);
      const before = readFileSync(join(root, 'desk', 'session-secret'), 'utf8');
      const result = await runCommandLine(deskCommand, ['rotate-secret', '--root', root]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/every session has ended/);
      expect(readFileSync(join(root, 'desk', 'session-secret'), 'utf8')).not.toBe(before);
      expect(await issues(desk.base, cookie)).toBe(401);
      const again = await logIn(desk.base);
      expect(await issues(desk.base, again.cookie)).toBe(200);
    } finally {
      await desk.close();
    }
  });
});
