/**
 * The desk's library without a browser: paths confined to the issue folder, uploads judged by content, the plan's
 * edits of issue.yaml and front matter, the stale-safe save, a new issue the import can fill, and git commits.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { openArticle, saveArticle, StaleSave } from '../src/desk/articleText.js';
import { checkManuscript, checkPdf, safeFileName } from '../src/desk/checkUpload.js';
import { createIssue } from '../src/desk/createIssue.js';
import { splitAuthors } from '../src/desk/http/articleRoutes.js';
import { formatTime } from '../src/desk/http/renderView.js';
import { ManuscriptInbox } from '../src/desk/importUploads.js';
import { articlePath, issueFolder } from '../src/desk/issueFolder.js';
import { editFrontMatter, moveArticle, readPlan, removeArticle } from '../src/desk/issuePlan.js';
import { listIssues } from '../src/desk/listIssues.js';
import { makePlainManuscript, makeSampleManuscript } from './helpers/makeManuscript.js';
import { makeTempProject } from './helpers/tempProject.js';

const root = makeTempProject();
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, encoding: 'utf8' }).trim();

beforeAll(() => {
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'start');
});

describe('paths', () => {
  it('confines issue ids and article names to the issue folder', () => {
    expect(issueFolder(root, '2025-1')).toBe(join(root, 'issues', '2025-1'));
    for (const id of ['..', '../x', 'a/b', '', '.hidden', 'a b', '%2e']) expect(() => issueFolder(root, id), id).toThrow(/期号/);
    expect(articlePath(root, 'mini', '01-short.md')).toBe(join(root, 'issues', 'mini', '01-short.md'));
    for (const name of ['../mini/01-short.md', '/etc/passwd.md', 'sub/a.md', '..md', '.x.md', 'a.txt', 'a\\..\\b.md'])
      expect(() => articlePath(root, 'mini', name), name).toThrow(/不在本期文件夹中/);
  });

  it('names an upload safely', () => {
    expect(safeFileName('../../稿件 一.docx', '.docx')).toBe('稿件_一.docx');
    expect(safeFileName('C:\\Users\\a\\b.docx', '.docx')).toBe('b.docx');
    expect(safeFileName('...', '.pdf')).toBe('upload.pdf');
  });
});

describe('uploads by content', () => {
  it('knows a .docx, a .doc, a renamed file and a zip without a document', async () => {
    const docx = await checkManuscript('a.docx', await makeSampleManuscript());
    expect(docx).toMatchObject({ name: 'a.docx', trackedChanges: true });
    expect((await checkManuscript('b.docx', await makePlainManuscript('题', '作者', ['正文。']))).trackedChanges).toBe(false);
    await expect(checkManuscript('c.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).rejects.toThrow(/^c\.doc：这是旧版 Word/);
    await expect(checkManuscript('d.docx', Buffer.from('%PDF-1.7'))).rejects.toThrow(/^d\.docx：不是 \.docx（不是 ZIP 包/);
    const zip = new JSZip();
    zip.file('word/other.xml', '<x/>');
    await expect(checkManuscript('e.docx', await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow(/没有 Word 文档/);
    await expect(checkManuscript('f.docx', Buffer.alloc(0))).rejects.toThrow(/空的/);
    expect(() => checkPdf('g.pdf', Buffer.from('PK\x03\x04'))).toThrow(/不是 PDF 文件/);
  });
});

describe('a new issue, filled by the import', () => {
  it('creates issue.yaml with no sections, which the import then fills, one commit each', async () => {
    await createIssue(root, { id: '2025-3', year: 2025, number: 3, date: '2025-09-01' });
    await expect(createIssue(root, { id: '2025-3', year: 2025, number: 3, date: '2025-09-01' })).rejects.toThrow(/已存在/);
    const inbox = new ManuscriptInbox(root);
    const outcomes = await inbox.importFiles('2025-3', '专题', [
      { name: '一.docx', bytes: await makePlainManuscript('第一篇', '甲　乙', ['第一篇的正文。']) },
      { name: '带修订.docx', bytes: await makeSampleManuscript() },
    ]);
    expect(outcomes[0].error).toBeUndefined();
    expect(outcomes[1].error).toMatch(/tracked changes? not accepted/);
    expect(outcomes[1].error).not.toContain('/tmp/');
    const accepted = await inbox.acceptChanges('2025-3', outcomes[1].acceptToken!);
    expect(accepted.error).toBeUndefined();
    await expect(inbox.acceptChanges('2025-3', outcomes[1].acceptToken!)).rejects.toThrow(/不在暂存区/);
    await inbox.close();
    const manifest = readFileSync(join(root, 'issues/2025-3/issue.yaml'), 'utf8');
    expect(manifest).toMatch(
      /^# 出版日期.*\nyear: 2025\nnumber: 3\ndate: 2025-09-01\nsections:\n {2}- title: 专题\n {4}articles:\n {6}- 01-.+\.md\n {6}- 02-.+\.md\n$/,
    );
    expect(git('log', '--format=%s', '-3').split('\n')).toEqual([
      expect.stringMatching(/^收稿：带修订\.docx → 02-.+\.md（专题，“.+”，接受了修订）$/),
      expect.stringMatching(/^收稿：一\.docx → 01-.+\.md（专题，“第一篇”）$/),
      '新建一期 2025-3（2025年第3期，2025-09-01）',
    ]);
    const issues = await listIssues(root);
    expect(issues.map((issue) => issue.id)).toEqual(['2025-3', 'foreign', 'mini']);
    expect(issues[0]).toMatchObject({ articles: 2, marksWaiting: 0 });
  });
});

describe('the plan', () => {
  it('reorders, moves between sections, takes out, and edits front matter, keeping comments', async () => {
    const manifest = join(root, 'issues/mini/issue.yaml');
    writeFileSync(manifest, `# 本期说明\n${readFileSync(manifest, 'utf8')}`);
    await moveArticle(root, 'mini', '02-speech.md', '要闻', 0);
    await moveArticle(root, 'mini', '01-short.md', '理论与实践', 1);
    let plan = await readPlan(root, 'mini');
    expect(plan.sections.map((section) => [section.title, section.articles.map((article) => article.file)])).toEqual([
      ['要闻', ['02-speech.md']],
      ['理论与实践', ['03-long.md', '01-short.md', '04-table.md']],
    ]);
    await moveArticle(root, 'mini', '02-speech.md', '理论与实践', 0);
    plan = await readPlan(root, 'mini');
    expect(plan.sections.map((section) => section.title)).toEqual(['理论与实践']);
    expect(git('log', '-1', '--format=%s')).toBe('联络图：《02-speech.md》移到“理论与实践”第1篇（栏目“要闻”已空，撤去）');
    await removeArticle(root, 'mini', '04-table.md');
    expect(readFileSync(manifest, 'utf8')).toMatch(/^# 本期说明\n/);
    expect(readFileSync(manifest, 'utf8')).not.toContain('04-table.md');
    await expect(moveArticle(root, 'mini', 'nothing.md', '理论与实践', 0)).rejects.toThrow(/没有文章 nothing\.md/);

    await editFrontMatter(root, 'mini', '03-long.md', { title: '新标题', subtitle: '——副题', authors: ['张三', '李四'], affiliation: '某单位' });
    const text = readFileSync(join(root, 'issues/mini/03-long.md'), 'utf8');
    expect(text).toMatch(/^---\ntitle: 新标题\n/);
    expect(text).toMatch(/subtitle: ——副题\n/);
    expect(text).toMatch(/authors:\n {2}- 张三\n {2}- 李四\n/);
    expect(git('log', '-1', '--format=%s')).toMatch(/^改标题、副标题、作者、作者单位：03-long\.md（“.+” → “新标题”）$/);
    const head = git('rev-parse', 'HEAD');
    await editFrontMatter(root, 'mini', '03-long.md', { title: '新标题', subtitle: '——副题', authors: ['张三', '李四'], affiliation: '某单位' });
    expect(git('rev-parse', 'HEAD')).toBe(head);
    await expect(editFrontMatter(root, 'mini', '03-long.md', { title: ' ', authors: [] })).rejects.toThrow(/title/);
  });

  it('reads authors as typed', () => {
    expect(splitAuthors('张三、李四，王五; 赵六')).toEqual(['张三', '李四', '王五', '赵六']);
    expect(splitAuthors('')).toEqual([]);
  });
});

describe('the editor', () => {
  it('saves over the text it opened, and refuses to overwrite a file changed since, keeping both', async () => {
    const opened = await openArticle(root, 'mini', '01-short.md');
    const saved = await saveArticle(root, 'mini', '01-short.md', `${opened.text}\r\n加一段。\r\n`, opened.hash);
    expect(readFileSync(join(root, 'issues/mini/01-short.md'), 'utf8')).toBe(`${opened.text}\n加一段。\n`);
    expect(git('log', '-1', '--format=%s')).toBe('编辑 01-short.md：改了 2 行');
    const error = await saveArticle(root, 'mini', '01-short.md', '我的版本', opened.hash).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StaleSave);
    expect((error as StaleSave).current.text).toBe(saved.text);
    expect((error as StaleSave).yours).toBe('我的版本');
    expect(readFileSync(join(root, 'issues/mini/01-short.md'), 'utf8')).toBe(saved.text);
  });
});

it('shows times as the office reads them', () => {
  expect(formatTime('not a time')).toBe('not a time');
  expect(formatTime(new Date(2025, 5, 1, 9, 5).toISOString())).toBe('2025-06-01 09:05');
});
