/** A new issue from the desk's form: issues/<id>/issue.yaml with year, number and date, and no articles yet. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { UserError } from '../UserError.js';
import { issueFolder } from './issueFolder.js';
import { recordChange } from './recordChange.js';

export interface NewIssue {
  id: string;
  year: number;
  number: number;
  /** YYYY-MM-DD. */
  date: string;
  cumulative?: number;
}

/**
 * The manifest has `sections: []` until the first manuscripts come in (the schema wants one section to build);
 * import-manuscript's addToManifest adds the section they go in.
 */
export async function createIssue(root: string, issue: NewIssue): Promise<string> {
  const dir = issueFolder(root, issue.id);
  try {
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError('input', `期 ${issue.id} 已存在：换一个期号，或打开已有的这一期`);
    throw error;
  }
  const manifest = { year: issue.year, number: issue.number, ...(issue.cumulative ? { cumulative: issue.cumulative } : {}), date: issue.date, sections: [] };
  // `wx`: the folder was just made by this call, so nothing can be overwritten.
  await writeFile(join(dir, 'issue.yaml'), `# 出版日期也是 PDF 的日期：付印前请核对。\n${stringify(manifest)}`, { flag: 'wx' });
  await recordChange(root, [dir], `新建一期 ${issue.id}（${issue.year}年第${issue.number}期，${issue.date}）`);
  return dir;
}
