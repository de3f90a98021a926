/**
 * An article in the desk's plain editor: its text, the hash it was opened at, and the text lint's findings. A save
 * names the hash the editor opened; if the file changed since (another person, a correction applied), nothing is
 * written and both texts come back, so the editor can merge and nothing is lost.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { lintArticleText, type TextFinding } from '../lint/lintArticleText.js';
import { UserError } from '../UserError.js';
import { writeOutput } from '../writeOutput.js';
import { articlePath } from './issueFolder.js';
import { type HistoryEntry, readHistory, recordChange } from './recordChange.js';
import { serialiseWrites } from './serialiseWrites.js';

export interface OpenArticle {
  file: string;
  text: string;
  hash: string;
  findings: TextFinding[];
}

/** The file changed since the editor opened it: theirs (today's) and the editor's text, neither written. */
export class StaleSave extends UserError {
  constructor(
    readonly current: OpenArticle,
    readonly yours: string,
    /** The change that came in between, from git (who, when, what), when the project is a repository. */
    readonly change?: HistoryEntry,
  ) {
    const who = change ? `${change.author}于${change.date.slice(0, 16).replace('T', ' ')}“${change.message}”` : '别人的编辑或核红';
    super('input', `${current.file} 在你打开之后被改过（${who}），你的修改没有保存：请对照下面两份文本合并后再保存`);
  }
}

export const hashText = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

export async function openArticle(root: string, issueId: string, file: string): Promise<OpenArticle> {
  const bytes = await readFile(articlePath(root, issueId, file)).catch(() => {
    throw new UserError('input', `本期没有文章 ${file}`);
  });
  const text = bytes.toString('utf8');
  return { file, text, hash: hashText(bytes), findings: lintArticleText(text.replace(/\r\n/g, '\n'), file) };
}

export function saveArticle(root: string, issueId: string, file: string, text: string, openedHash: string): Promise<OpenArticle> {
  return serialiseWrites(issueId, async () => {
    const current = await openArticle(root, issueId, file);
    // A browser sends a textarea's lines with CRLF: the file keeps its own line ends.
    const own = current.text.includes('\r\n') ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n');
    if (current.hash !== openedHash) throw new StaleSave(current, own, (await readHistory(root, articlePath(root, issueId, file), 1))[0]);
    if (own === current.text) return current;
    await writeOutput(articlePath(root, issueId, file), own);
    const before = current.text.split('\n');
    const after = own.split('\n');
    const changedLines = after.filter((line, index) => line !== before[index]).length + Math.max(0, before.length - after.length);
    await recordChange(root, [articlePath(root, issueId, file)], `编辑 ${file}：改了 ${changedLines} 行`);
    return openArticle(root, issueId, file);
  });
}
