/**
 * 三审: the chief passes an article through 初审, 复审 and 终审, in that order. A pass records the article file's
 * SHA-256, so a later change (in the desk or outside it) shows, and a stage already passed on today's text is not
 * passed twice. Refusals say what to do and write nothing.
 */
import { relative } from 'node:path';
import { UserError } from '../UserError.js';
import { articlePath } from './issueFolder.js';
import { recordChange } from './recordChange.js';
import { actorName, articleHashes, changeRecords, recordsFile, reviewArticles, type Stage, stages } from './reviewRecords.js';

export async function passArticle(root: string, issueId: string, article: string, stage: Stage, expected?: number): Promise<void> {
  articlePath(root, issueId, article);
  await changeRecords(
    root,
    issueId,
    async (records) => {
      const hashes = await articleHashes(root, issueId);
      if (!(article in hashes)) throw new UserError('input', `本期没有文章 ${article}（不在 issue.yaml 中）`);
      const review = reviewArticles(records, { [article]: hashes[article] })[0];
      const previous = stages[stages.indexOf(stage) - 1];
      if (previous && !review.passes[previous]) throw new UserError('input', `${article} 还没有${previous}：先${previous}，再${stage}（三审依次进行）`);
      const done = review.passes[stage];
      if (done && !done.changedSince)
        throw new UserError('input', `${article} 已经${stage}（${done.by}，${done.at.slice(0, 16).replace('T', ' ')}），文章此后没有改过`);
      const pass = { article, stage, by: actorName(), at: new Date().toISOString(), hash: hashes[article] };
      return { ...records, passes: [...records.passes, pass] };
    },
    expected,
  );
  await recordChange(root, [recordsFile(root, issueId)], `${stage}：${article} 通过（${relative(root, articlePath(root, issueId, article))}）`);
}
