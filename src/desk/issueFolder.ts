/**
 * Every path the desk opens, confined: an issue id names one folder under issues/, an article one Markdown file
 * listed in it. Anything that could climb out (`..`, slashes, absolute paths, odd characters) is refused before a
 * path is built, so no request can read or write outside the issue's folder.
 */
import { join, relative, resolve, sep } from 'node:path';
import { UserError } from '../UserError.js';

const issueIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const articlePattern = /^[^/\\\0]{1,200}\.md$/;

export function issueFolder(root: string, issueId: string): string {
  if (!issueIdPattern.test(issueId)) throw new UserError('input', `期号 “${issueId}” 不合规：只能用字母、数字、- 和 _（例如 2025-1）`);
  return join(resolve(root), 'issues', issueId);
}

/** An article file of the issue folder, by its name in issue.yaml (e.g. 01-short.md). */
export function articlePath(root: string, issueId: string, article: string): string {
  const dir = issueFolder(root, issueId);
  const path = resolve(dir, article);
  if (!articlePattern.test(article) || article.startsWith('.') || relative(dir, path).split(sep).length !== 1)
    throw new UserError('input', `文章 “${article}” 不在本期文件夹中：只能打开 issue.yaml 列出的 .md 文件`);
  return path;
}

/** The desk's own records of an issue (builds, proof rounds, uploaded marked proofs): dist/desk/<id>/. */
export function deskFolder(root: string, issueId: string): string {
  issueFolder(root, issueId);
  return join(resolve(root), 'dist', 'desk', issueId);
}
