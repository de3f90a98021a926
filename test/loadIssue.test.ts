/** The manifest and article sources: every error names file:line:column and what to do. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadIssue } from '../src/manifest/loadIssue.js';
import { UserError } from '../src/UserError.js';

let root: string;
const issueYaml = `year: 2025
number: 1
date: 2025-03-01
sections:
  - title: 要闻
    articles:
      - a.md
`;
const article = `---
title: 标题
authors: [王良]
---
正文第一段。
`;

function write(files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

async function loadError(): Promise<UserError> {
  const error = await loadIssue(root, 'x').then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'paiban-load-'));
  write({ 'periodical.yaml': 'title: 测试期刊\npublisher: 编辑部\n', 'issues/x/issue.yaml': issueYaml, 'issues/x/a.md': article });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('loadIssue', () => {
  it('resolves a valid issue with defaults from the schema', async () => {
    const issue = await loadIssue(root, 'x');
    expect(issue.sections[0].articles[0]).toMatchObject({ id: 'a1-1', section: '要闻', bodyFirstLine: 5 });
    expect(issue.sections[0].articles[0].frontMatter).toEqual({ title: '标题', authors: ['王良'] });
    expect(issue.periodical.page).toMatchObject({ width: 210, height: 285, bleed: 3 });
    expect(issue.sections[0].articles[0].frontMatterLines).toMatchObject({ title: 2, authors: 3 });
  });

  it('names a missing issue folder', async () => {
    rmSync(join(root, 'issues', 'x'), { recursive: true });
    const error = await loadError();
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/issues\/x: issue folder not found; create it with an issue\.yaml/);
  });

  it('points at the line and column of invalid YAML', async () => {
    write({ 'issues/x/issue.yaml': 'year: 2025\nnumber: [1\n' });
    expect((await loadError()).message).toMatch(/issue\.yaml:\d+:\d+: not valid YAML/);
  });

  it('points at a value of the wrong type', async () => {
    write({ 'issues/x/issue.yaml': issueYaml.replace('number: 1', 'number: 一') });
    expect((await loadError()).message).toMatch(/issue\.yaml:2:9: number: .*number/);
  });

  it('takes checks.off from the one rule list, and points at a rule name that is not in it', async () => {
    write({ 'periodical.yaml': 'title: 测试期刊\npublisher: 编辑部\nchecks:\n  off: [loose-line, zhlint, images]\n' });
    expect((await loadIssue(root, 'x')).periodical.checks.off).toEqual(['loose-line', 'zhlint', 'images']);
    write({ 'periodical.yaml': 'title: 测试期刊\npublisher: 编辑部\nchecks:\n  off: [loose-line, lose-line]\n' });
    expect((await loadError()).message).toMatch(/periodical\.yaml:4:\d+: .*checks\.off\[1\]/);
  });

  it('points at an unknown key and says to remove it', async () => {
    write({ 'issues/x/issue.yaml': issueYaml.replace('date:', 'volume: 3\ndate:') });
    expect((await loadError()).message).toMatch(/issue\.yaml:3:1: unknown key "volume"; remove it/);
  });

  it('points at an unknown key inside a section', async () => {
    write({ 'issues/x/issue.yaml': issueYaml.replace('  - title: 要闻', '  - title: 要闻\n    colour: red') });
    expect((await loadError()).message).toMatch(/issue\.yaml:6:5: unknown key "colour" in sections\[0\]/);
  });

  it('refuses an article listed twice', async () => {
    write({ 'issues/x/issue.yaml': `${issueYaml}      - a.md\n` });
    expect((await loadError()).message).toMatch(/issue\.yaml:7: article "a\.md" is listed twice/);
  });

  it.each([
    ['../../../etc/passwd.md', /outside the issue folder/],
    ['/etc/passwd.md', /outside the issue folder/],
    ['missing.md', /article file "missing\.md" not found; create it/],
  ])('refuses the article path %s', async (path, message) => {
    write({ 'issues/x/issue.yaml': issueYaml.replace('a.md', path) });
    expect((await loadError()).message).toMatch(message);
  });

  it('refuses a symlink that points out of the issue folder', async () => {
    write({ 'outside.md': article });
    symlinkSync(join(root, 'outside.md'), join(root, 'issues/x/link.md'));
    write({ 'issues/x/issue.yaml': issueYaml.replace('a.md', 'link.md') });
    expect((await loadError()).message).toMatch(/is a link to a file outside the issue folder/);
  });

  it('refuses an empty article', async () => {
    write({ 'issues/x/a.md': '---\ntitle: 标题\n---\n\n' });
    expect((await loadError()).message).toMatch(/a\.md:4: the article has no text/);
  });

  it('refuses front matter that does not parse, at its line', async () => {
    write({ 'issues/x/a.md': '---\ntitle: 标题\nauthors: [王良\n---\n正文。\n' });
    expect((await loadError()).message).toMatch(/a\.md:\d+:\d+: not valid YAML/);
  });

  it('refuses an article without front matter', async () => {
    write({ 'issues/x/a.md': '正文。\n' });
    expect((await loadError()).message).toMatch(/a\.md:1:1: the article must start with front matter/);
  });

  it('refuses a file that is not UTF-8, naming the line', async () => {
    write({ 'issues/x/a.md': Buffer.concat([Buffer.from(article), Buffer.from('第二行\n'), Buffer.from([0xd5, 0xfd, 0xce, 0xc4])]) });
    expect((await loadError()).message).toMatch(/a\.md:7: article is not valid UTF-8 .*save it as UTF-8/);
  });

  it('accepts a BOM and CRLF line ends', async () => {
    write({ 'issues/x/a.md': `\uFEFF${article.replace(/\n/g, '\r\n')}` });
    const issue = await loadIssue(root, 'x');
    expect(issue.sections[0].articles[0].frontMatter.title).toBe('标题');
    expect(issue.sections[0].articles[0].body).toBe('正文第一段。\n');
  });
});
