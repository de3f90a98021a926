import { cpSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIssue } from '../src/buildIssue.js';
import { run as deskCommand } from '../src/cli/paibanDeskCli.js';
import { createDeskServer } from '../src/desk/http/createDeskServer.js';
import { makePlainManuscript } from './helpers/makeManuscript.js';
import { runCommandLine } from './helpers/runCli.js';
import { editFile, makeTempProject } from './helpers/tempProject.js';
import { gitIn, snapshotProject } from './helpers/projectState.js';

const root = makeTempProject('typesetting:\n  adjust: false\n');
const maxUploadBytes = 200 * 1024;
let app: FastifyInstance;
let base: string;
let otherProof: Buffer;
const quiet = { stage: () => undefined, progress: () => undefined, warn: () => undefined };

const git = gitIn(root);

/** The project's files with their hashes: what "nothing changed" compares. */
const snapshot = () => snapshotProject(root, ['dist/desk']).files;

/** Asserts that `refusal` changes no file and no commit, and that the server still answers. */
async function expectNothingWritten(refusal: () => Promise<void>): Promise<void> {
  const [before, head] = [snapshot(), git('rev-parse', 'HEAD')];
  await refusal();
  expect(snapshot()).toEqual(before);
  expect(git('rev-parse', 'HEAD')).toBe(head);
  expect((await fetch(`${base}/`)).status).toBe(200);
}

function upload(path: string, files: { name: string; bytes: Uint8Array; type?: string }[], fields: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  return fetch(`${base}${path}`, { method: 'POST', body: form, headers: { accept: 'application/json' } });
}

/** A request with its path sent exactly as written (fetch would resolve the dots). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers: { accept: 'application/json' } }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const postForm = (path: string, body: Record<string, string>) =>
  fetch(`${base}${path}`, { method: 'POST', body: new URLSearchParams(body), headers: { accept: 'application/json' } });

async function waitForBuild(issue: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const state = (await (await fetch(`${base}/issues/${issue}/build`, { headers: { accept: 'application/json' } })).json()) as { running?: unknown };
    if (!state.running) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the build did not end');
}

beforeAll(async () => {
  // A proof of another issue: the mini issue copied as "other", built with --proof.
  cpSync(join(root, 'issues', 'mini'), join(root, 'issues', 'other'), { recursive: true });
  await buildIssue({ root, issueId: 'other', proof: { round: 1 }, timeoutMs: 120_000, reporter: quiet, out: join(root, 'dist', 'other.pdf') });
  otherProof = readFileSync(join(root, 'dist', 'other-proof.pdf'));
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the project');
  app = await createDeskServer({ root, maxUploadBytes });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('uploads refused by content, with nothing written', () => {
  it('refuses a legacy .doc, naming it and what to do', async () => {
    const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
    await expectNothingWritten(async () => {
      const response = await upload('/issues/mini/manuscripts', [{ name: '旧稿.doc', bytes: doc }], { section: '要闻' });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { outcomes: { file: string; error: string }[] };
      expect(body.outcomes[0].file).toBe('旧稿.doc');
      expect(body.outcomes[0].error).toMatch(/旧稿\.doc：这是旧版 Word（\.doc）.*另存为 \.docx/);
    });
  });

  it('refuses a renamed file and a zip without a Word document, and still imports the good one beside them', async () => {
    const zip = new JSZip();
    zip.file('content.xml', '<x/>');
    const notWord = await zip.generateAsync({ type: 'uint8array' });
    const picture = readFileSync(join(root, 'issues', 'mini', 'figure.png'));
    const good = await makePlainManuscript('一篇好稿', '王　五', ['正文第一段，内容完整。']);
    const response = await upload(
      '/issues/mini/manuscripts',
      [
        { name: '图片.docx', bytes: picture },
        { name: '表格.docx', bytes: notWord },
        { name: 'good.docx', bytes: good },
      ],
      { section: '要闻' },
    );
    expect(response.status).toBe(200);
    const { outcomes } = (await response.json()) as { outcomes: { file: string; error?: string; report?: { article: string } }[] };
    expect(outcomes[0].error).toMatch(/^图片\.docx：不是 \.docx（不是 ZIP 包/);
    expect(outcomes[1].error).toMatch(/^表格\.docx：ZIP 包里没有 Word 文档（word\/document\.xml）/);
    expect(outcomes[2].error).toBeUndefined();
    expect(readFileSync(join(root, 'issues', 'mini', 'issue.yaml'), 'utf8')).toContain(outcomes[2].report!.article);
    expect(git('log', '-1', '--format=%s')).toMatch(/^收稿：good\.docx → /);
  });

  it('refuses an upload over the size limit before writing anything', async () => {
    const big = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(maxUploadBytes + 10_000)]);
    await expectNothingWritten(async () => {
      const response = await upload('/issues/mini/manuscripts', [{ name: 'big.docx', bytes: big }], { section: '要闻' });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: string }).error).toBe('上传的文件太大（上限 200 KB）：什么也没有保存。请压缩稿件中的图片，或分开上传');
    });
  });

  it('keeps an upload named to climb out inside the staging folder', async () => {
    const good = await makePlainManuscript('越界的稿件', '赵　六', ['正文。']);
    const response = await upload('/issues/mini/manuscripts', [{ name: '../../../escape.docx', bytes: good }], { section: '要闻' });
    expect(response.status).toBe(200);
    const written = git('show', '--name-only', '--format=', 'HEAD').split('\n');
    expect(written.every((path) => path.startsWith('issues/mini/'))).toBe(true);
    expect(() => statSync(join(root, '..', 'escape.docx'))).toThrow();
  });
});

describe('proof uploads', () => {
  beforeAll(async () => {
    await postForm('/issues/mini/proofs', {});
    await waitForBuild('mini');
    expect(git('log', '-1', '--format=%s')).toMatch(/^出第1校校样/);
  }, 180_000);

  it('refuses a file that is no PDF, a PDF that is no proof, and a proof of another issue', async () => {
    const plainPdf = await (async () => {
      const document = await PDFDocument.create();
      document.addPage();
      return document.save();
    })();
    await expectNothingWritten(async () => {
      const response = await upload('/issues/mini/proofs/1/marked', [
        { name: 'notes.pdf', bytes: Buffer.from('just text') },
        { name: 'scan.pdf', bytes: plainPdf },
        { name: 'other.pdf', bytes: otherProof },
      ]);
      expect(response.status).toBe(400);
      const { outcomes } = (await response.json()) as { outcomes: { file: string; error: string }[] };
      expect(outcomes[0].error).toBe('notes.pdf：不是 PDF 文件，请上传校对人员标注后保存的校样 PDF');
      expect(outcomes[1].error).toMatch(/^scan\.pdf：not a paiban proof: it carries no line map/);
      expect(outcomes[2].error).toMatch(/^other\.pdf：a proof of issue other, not of mini/);
      expect(outcomes.every((outcome) => !outcome.error.includes('/tmp/'))).toBe(true);
    });
  });

  it('refuses a round that does not exist', async () => {
    await expectNothingWritten(async () => {
      const response = await upload('/issues/mini/proofs/7/marked', [{ name: 'p.pdf', bytes: otherProof }]);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe('本期还没有第7校：先出校样');
    });
  });
});

describe('paths that climb out of the issue folder', () => {
  it('refuses them in every place a name comes in', async () => {
    await expectNothingWritten(async () => {
      for (const path of [
        '/issues/..%2F..%2Fetc/build',
        '/issues/%2e%2e/history',
        '/issues/mini/articles/..%2F..%2Fperiodical.yaml',
        '/issues/mini/articles/..%2Fother%2F01-short.md',
        '/issues/mini/articles/%2Fetc%2Fpasswd',
        '/issues/mini/files/..%2F..%2Fperiodical.yaml',
        '/issues/mini/pages/1?pdf=..%2F..%2Fperiodical.yaml',
        '/issues/mini/diff?article=..%2F..%2Fperiodical.yaml&from=HEAD',
      ]) {
        const response = await rawGet(path);
        expect(response.status, path).toBeGreaterThanOrEqual(400);
        expect(response.status, path).toBeLessThan(500);
        expect(response.body).not.toContain('title:');
      }
      const save = await postForm('/issues/mini/articles/..%2F..%2Fperiodical.yaml', { text: 'x', hash: '0'.repeat(64) });
      expect(save.status).toBe(400);
      expect(((await save.json()) as { error: string }).error).toMatch(/不在本期文件夹中/);
      const move = await postForm('/issues/mini/plan/remove', { article: '../../periodical.yaml' });
      expect(move.status).toBe(400);
    });
  });
});

describe('saving an article that changed since it was opened', () => {
  it('writes nothing and gives both texts back', async () => {
    const opened = (await (await fetch(`${base}/issues/mini/articles/01-short.md`, { headers: { accept: 'application/json' } })).json()) as {
      text: string;
      hash: string;
    };
    editFile(root, 'issues/mini/01-short.md', (text) => `${text}\n另一位编辑加的一段。\n`);
    git('commit', '-qam', 'someone else');
    const theirs = readFileSync(join(root, 'issues/mini/01-short.md'), 'utf8');
    await expectNothingWritten(async () => {
      const response = await fetch(`${base}/issues/mini/articles/01-short.md`, {
        method: 'POST',
        body: new URLSearchParams({ text: `${opened.text}我的修改。\n`, hash: opened.hash }),
      });
      expect(response.status).toBe(409);
      const page = await response.text();
      expect(page).toContain('在你打开之后被改过');
      expect(page).toContain('另一位编辑加的一段。');
      expect(page).toContain('我的修改。');
    });
    expect(readFileSync(join(root, 'issues/mini/01-short.md'), 'utf8')).toBe(theirs);
  });
});

describe('builds', () => {
  it('runs one build per issue: a second request joins it, a proof meanwhile is refused', async () => {
    const [first, second] = await Promise.all([postForm('/issues/mini/build', {}), postForm('/issues/mini/build', {})]);
    const joined = [(await first.json()) as { joined: boolean }, (await second.json()) as { joined: boolean }].map((body) => body.joined).sort();
    expect(joined).toEqual([false, true]);
    const proof = await postForm('/issues/mini/proofs', {});
    expect(proof.status).toBe(400);
    expect(((await proof.json()) as { error: string }).error).toBe('本期正在排版，完成后再出校样');
    await waitForBuild('mini');
    const record = (await (await fetch(`${base}/issues/mini/record`)).json()) as { lastGood?: { kind: string }; lastFailure?: unknown };
    expect(record.lastGood?.kind).toBe('build');
    expect(record.lastFailure).toBeUndefined();
  }, 180_000);

  it('shows a failed build with its error and keeps the last good PDF, labelled as the last good one', async () => {
    const pdf = join(root, 'dist', 'mini.pdf');
    const [before, modified] = [readFileSync(pdf), statSync(pdf).mtimeMs];
    editFile(root, 'issues/mini/02-speech.md', (text) => text.replace(/^title: .*$/m, 'title:'));
    await postForm('/issues/mini/build', {});
    await waitForBuild('mini');
    const page = await (await fetch(`${base}/issues/mini/build`)).text();
    expect(page).toMatch(/这次排版失败/);
    expect(page).toContain('issues/mini/02-speech.md:2:7: title: Invalid input');
    expect(page).not.toContain(root);
    expect(page).toContain('上次成功排版');
    expect(page).toContain('上次成功的版本');
    expect(readFileSync(pdf).equals(before)).toBe(true);
    expect(statSync(pdf).mtimeMs).toBe(modified);
    expect((await fetch(`${base}/issues/mini/files/interior`)).status).toBe(200);
    expect((await fetch(`${base}/`)).status).toBe(200);
  }, 180_000);
});

describe('the API besides the pages', () => {
  it('moves an article to another section, takes one out, and edits a field a mark on generated text came from', async () => {
    expect((await postForm('/issues/mini/plan/move', { article: '04-table.md', section: '要闻', position: '0' })).status).toBe(200);
    let manifest = readFileSync(join(root, 'issues/mini/issue.yaml'), 'utf8');
    expect(manifest).toMatch(/title: 要闻\n\s+articles:\n\s+- 04-table\.md\n\s+- 01-short\.md/);
    expect(git('log', '-1', '--format=%s')).toBe('联络图：《04-table.md》移到“要闻”第1篇');
    expect((await postForm('/issues/mini/plan/remove', { article: '04-table.md' })).status).toBe(200);
    manifest = readFileSync(join(root, 'issues/mini/issue.yaml'), 'utf8');
    expect(manifest).not.toContain('04-table.md');
    expect(statSync(join(root, 'issues/mini/04-table.md')).isFile()).toBe(true);
    expect(git('log', '-1', '--format=%s')).toBe('联络图：撤下《04-table.md》（文件保留在本期文件夹）');
    const field = await postForm('/issues/mini/proofs/1/field', { file: 'issues/mini/03-long.md', key: 'title', value: '改过的长文标题' });
    expect(field.status).toBe(200);
    expect(readFileSync(join(root, 'issues/mini/03-long.md'), 'utf8')).toMatch(/^title: 改过的长文标题$/m);
    expect(git('log', '-1', '--format=%s')).toMatch(/^改标题：03-long\.md（“.+” → “改过的长文标题”）$/);
    await expectNothingWritten(async () => {
      const issueField = await postForm('/issues/mini/proofs/1/field', { file: 'issue.yaml', key: 'title', value: 'x' });
      expect(issueField.status).toBe(400);
    });
  });

  it("shows an article's changes between two commits", async () => {
    const [newest, , , first] = (
      (await (await fetch(`${base}/issues/mini/history`, { headers: { accept: 'application/json' } })).json()) as { history: { commit: string }[] }
    ).history.map((entry) => entry.commit);
    const response = await fetch(`${base}/issues/mini/diff?article=03-long.md&from=${first}&to=${newest}`, { headers: { accept: 'application/json' } });
    const { diff } = (await response.json()) as { diff: string };
    expect(diff).toContain('+title: 改过的长文标题');
    const page = await (await fetch(`${base}/issues/mini/diff?article=03-long.md&from=${first}`)).text();
    expect(page).toContain('改过的长文标题');
  });

  it("renames a section a mark on its running head came from (issue.yaml), and refuses the periodical's title and a section that is not there", async () => {
    const renamed = await postForm('/issues/mini/proofs/1/field', { file: 'issues/mini/issue.yaml', key: 'sections[1].title', value: '理论与实践探索' });
    expect(renamed.status).toBe(200);
    expect(readFileSync(join(root, 'issues/mini/issue.yaml'), 'utf8')).toMatch(/- title: 理论与实践探索\n/);
    expect(git('log', '-1', '--format=%s')).toBe('栏目改名：“理论与实践” → “理论与实践探索”');
    await expectNothingWritten(async () => {
      for (const field of [
        { file: 'periodical.yaml', key: 'title', value: 'x' },
        { file: 'issues/mini/issue.yaml', key: 'sections[9].title', value: 'x' },
        { file: 'issues/other/issue.yaml', key: 'sections[0].title', value: 'x' },
        { file: 'issues/mini/issue.yaml', key: 'sections[0].title', value: ' ' },
      ]) {
        expect((await postForm('/issues/mini/proofs/1/field', field)).status, JSON.stringify(field)).toBe(400);
      }
    });
  });
});

describe('the command line', () => {
  it('refuses any host but 127.0.0.1', async () => {
    const result = await runCommandLine(deskCommand, ['--root', root, '--host', '0.0.0.0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--host 0\.0\.0\.0: the desk has no accounts yet, so it listens on 127\.0\.0\.1 only/);
  });

  it('serves on the port asked for and stops on the signal', async () => {
    const controller = new AbortController();
    let stdout = '';
    const running = deskCommand(['--root', root, '--port', '0'], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      signal: controller.signal,
    });
    for (let tries = 0; tries < 100 && !stdout; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    const address = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)![0];
    const page = await (await fetch(address)).text();
    expect(page).toContain('各期');
    expect(page).toContain('mini');
    controller.abort();
    expect(await running).toBe(0);
  });
});

describe('requests from elsewhere', () => {
  it('refuses a form posted by another web site, and a request under another host name', async () => {
    await expectNothingWritten(async () => {
      const forged = await fetch(`${base}/issues`, {
        method: 'POST',
        body: new URLSearchParams({ id: 'evil', year: '2025', number: '9', date: '2025-01-01' }),
        headers: { origin: 'http://evil.example', accept: 'application/json' },
      });
      expect(forged.status).toBe(403);
      expect(((await forged.json()) as { error: string }).error).toBe('拒绝：这个请求来自别的网站，编辑部只接受自己页面上的操作');
      const crossSite = await fetch(`${base}/issues/mini/plan/remove`, {
        method: 'POST',
        body: new URLSearchParams({ article: '01-short.md' }),
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      expect(crossSite.status).toBe(403);
      const rebound = await new Promise<number>((resolve, reject) => {
        const url = new URL(base);
        request({ host: url.hostname, port: url.port, path: '/', headers: { host: 'evil.example' } }, (response) => resolve(response.statusCode!))
          .on('error', reject)
          .end();
      });
      expect(rebound).toBe(403);
    });
  });
});

describe('the pages', () => {
  it('carry a Content-Security-Policy without inline script, and htmx from the package', async () => {
    const response = await fetch(`${base}/`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const page = await response.text();
    expect(page).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    expect((await fetch(`${base}/assets/htmx/htmx.min.js`)).status).toBe(200);
    expect((await fetch(`${base}/assets/desk/desk.js`)).status).toBe(200);
  });

  it('escapes what an article says', async () => {
    editFile(root, 'issues/mini/01-short.md', (text) => text.replace(/^title: .*$/m, 'title: "<script>alert(1)</script>标题"'));
    const page = await (await fetch(`${base}/issues/mini`)).text();
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;标题');
  });
});
