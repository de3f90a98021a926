/** The command line, run in-process: exit codes, one-line messages, and no stale or partial PDF on failure. */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltLayout } from '../src/buildIssue.js';
import { readPlan } from '../src/desk/issuePlan.js';
import { checkRules } from '../src/rules/typographyRules.js';
import { exitCodes } from '../src/UserError.js';
import { resolveRequest } from '../src/cli/buildIssueCli.js';
import { pageTexts } from './helpers/pdfTools.js';
import { runCli } from './helpers/runCli.js';
import { editFile, makeTempProject } from './helpers/tempProject.js';

let root: string;

beforeEach(() => {
  root = makeTempProject();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('build-issue command line', () => {
  it('prints help with the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: build-issue [options] <id>');
    expect(result.stdout).toMatch(/Exit codes:[\s\S]*6 {4}timed out/);
  });

  it('has one exit-code table: the README lists exactly what --help prints', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| code | meaning |'));
    const rows = [...table.slice(0, table.indexOf('\n\n')).matchAll(/^\| (\d+) \| (.+) \|$/gm)].map(([, code, meaning]) => [Number(code), meaning]);
    expect(rows).toEqual(Object.values(exitCodes).map(({ code, meaning }) => [code, meaning]));
    const help = (await runCli(['--help'])).stdout;
    for (const [code, meaning] of rows) expect(help).toContain(`${String(code).padEnd(5)}${meaning}`);
  });

  it('prints its version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on wrong usage', async () => {
    expect((await runCli([])).code).toBe(2);
    expect((await runCli(['2024-4', '--no-such-option'])).code).toBe(2);
    const badTimeout = await runCli(['2024-4', '--timeout', 'soon']);
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toContain('must be a positive number of seconds');
  });

  it('refuses, as usage errors, flags the chosen mode cannot honour, instead of dropping them', async () => {
    for (const [flags, message] of [
      [['--watch', '--out', 'x.pdf', '--press'], /--watch serves a live preview and writes no files, so it cannot honour --out, --press/],
      [['--watch', '--strict'], /cannot honour --strict/],
      [['--watch', '--jobs', '2'], /cannot honour --jobs/],
      [['--jobs', '0'], /--jobs/],
      [['--port', '0'], /--port is the --watch preview's port: add --watch/],
      [['--round', '2'], /--round numbers a proof: add --proof/],
    ] as const) {
      const result = await runCli(['mini', '--root', root, ...flags]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(message);
    }
  });

  it('builds before --preflight whenever other outputs are asked for too, so none is dropped', () => {
    const context = { io: { stdout: process.stdout, stderr: process.stderr }, cwd: root, reporter: { stage() {}, progress() {}, warn() {} } };
    const request = (flags: Record<string, unknown>) => resolveRequest('mini', { root, timeout: 300, preflight: true, ...flags }, context);
    expect(request({})).toMatchObject({ mode: 'preflight', buildFirst: false });
    expect(request({ proof: true })).toMatchObject({ mode: 'preflight', buildFirst: true, build: { proof: { round: 1 } } });
    expect(request({ html: true })).toMatchObject({ buildFirst: true });
  });

  it('exits 3 with one line naming the file for a missing issue, no stack trace', async () => {
    const result = await runCli(['1999-9', '--root', root]);
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^build-issue: error: .*issues\/1999-9: issue folder not found/)]);
  });

  it('shows the stack trace with --debug', async () => {
    const result = await runCli(['1999-9', '--root', root, '--debug']);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('exits 5 naming the path when Chromium is missing', async () => {
    const result = await runCli(['mini', '--root', root, '--chrome', '/nonexistent/chromium']);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('Chromium not found at /nonexistent/chromium (from --chrome)');
  });

  it('exits 6 naming the phase when the timeout expires, and leaves the earlier PDF untouched', async () => {
    const out = join(root, 'dist', 'mini.pdf');
    const earlier = Buffer.from('%PDF-1.7 earlier build');
    await runCli(['mini', '--root', root]).then((result) => expect(result.code).toBe(0));
    writeFileSync(out, earlier);
    const result = await runCli(['mini', '--root', root, '--timeout', '0.5']);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/timed out after 0\.5 s while (loading|subsetting|rendering|starting|paginating)/);
    expect(readFileSync(out)).toEqual(earlier);
    expect(readdirSync(join(root, 'dist')).sort()).toEqual(['mini-cover.pdf', 'mini.check.json', 'mini.layout.json', 'mini.pdf']);
  });

  it('writes beside the PDF which page each article starts on, and the desk’s plan shows those pages after a build from the command line', async () => {
    const result = await runCli(['mini', '--root', root]);
    expect(result.code, result.stderr).toBe(0);
    const layout = JSON.parse(readFileSync(join(root, 'dist', 'mini.layout.json'), 'utf8')) as BuiltLayout;
    const manifest = readFileSync(join(root, 'issues', 'mini', 'issue.yaml'), 'utf8');
    const listed = [...manifest.matchAll(/^\s+- (\S+\.md)$/gm)].map(([, file]) => file);
    expect(layout.articles.map((article) => article.file)).toEqual(listed);
    expect(layout.pageCount).toBe(pageTexts(join(root, 'dist', 'mini.pdf')).length);
    const starts = layout.articles.map((article) => article.startPage);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const plan = await readPlan(root, 'mini');
    expect(plan.builtAt).toBe(layout.builtAt);
    expect(plan.sections.flatMap((section) => section.articles.map((article) => article.pages?.[0]))).toEqual(starts);
  });

  it('exits 4 for a character no declared font has, naming file, line and code point', async () => {
    editFile(root, 'issues/mini/01-short.md', (text) => text.replace('会议强调', '会议强调\u{1D11E}'));
    const result = await runCli(['mini', '--root', root]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/01-short\.md:7: character “𝄞” \(U\+1D11E\) is in neither the song font/);
    expect(existsSync(join(root, 'dist', 'mini.pdf'))).toBe(false);
  });
});

describe('the typography check in the build', () => {
  it('prints the counts, writes dist/<id>.check.json, and with --strict fails on a finding writing no PDF', async () => {
    const root = makeTempProject();
    try {
      const relaxed = await runCli(['mini', '--root', root]);
      expect(relaxed.code).toBe(0);
      expect(relaxed.stderr).toMatch(/typography check: .*\(.*mini\.check\.json\)/);
      const report = JSON.parse(readFileSync(join(root, 'dist', 'mini.check.json'), 'utf8')) as { findings: unknown[]; counts: Record<string, number> };
      expect(Object.keys(report.counts)).toContain('loose-line');
      // An unbreakable URL longer than a line: loose or broken lines the check must report.
      editFile(root, 'issues/mini/01-short.md', (text) => `${text}\nhttps://example.org/${'verylongpath'.repeat(12)}之后还有文字。\n`);
      rmSync(join(root, 'dist'), { recursive: true });
      const strict = await runCli(['mini', '--root', root, '--strict']);
      expect(strict.code).toBe(7);
      expect(strict.stderr).toMatch(/--strict: \d+ typography findings?; see .*mini\.check\.json; no PDF was written/);
      expect(existsSync(join(root, 'dist', 'mini.pdf'))).toBe(false);
      expect(existsSync(join(root, 'dist', 'mini.check.json'))).toBe(true);

      // The rules that fired, switched off in periodical.yaml: --strict passes, and check.json leaves them out.
      const fired = [
        ...new Set((JSON.parse(readFileSync(join(root, 'dist', 'mini.check.json'), 'utf8')) as { findings: { rule: string }[] }).findings.map((f) => f.rule)),
      ];
      editFile(root, 'periodical.yaml', (text) => `${text}\nchecks:\n  off: [${fired.join(', ')}]\n`);
      const relaxedRules = await runCli(['mini', '--root', root, '--strict']);
      expect(relaxedRules.code).toBe(0);
      const counts = (JSON.parse(readFileSync(join(root, 'dist', 'mini.check.json'), 'utf8')) as { counts: Record<string, number> }).counts;
      expect(fired.length).toBeGreaterThan(0);
      expect(Object.keys(counts).filter((rule) => fired.includes(rule))).toEqual([]);
      expect(Object.keys(counts)).toHaveLength(Object.keys(checkRules).length - fired.length);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 90_000); // three builds
});
