/**
 * 签付印: the chief signs the issue for the press, only when every article has passed 终审 on today's text and no
 * mark of any proof round waits (for a decision, or accepted and not yet applied in 核红). The issue's uncommitted
 * changes are committed first, so the sign-off names exactly the commit signed.
 */
import { UserError } from '../UserError.js';
import { issueFolder } from './issueFolder.js';
import { awaitsDecision, readRoundCorrections, readRounds } from './proofRounds.js';
import { headCommit, recordChange } from './recordChange.js';
import { actorName, articleHashes, changeRecords, readRecords, recordsFile, reviewArticles, signOffInForce } from './reviewRecords.js';

/** Marks of every round that still wait: undecided, or accepted and not applied. */
export async function countWaitingMarks(root: string, issueId: string): Promise<number> {
  let waiting = 0;
  for (const { round } of await readRounds(root, issueId)) {
    const { rows } = await readRoundCorrections(root, issueId, round);
    waiting += rows.filter((row) => awaitsDecision(row.correction) && row.decision !== 'reject').length;
  }
  return waiting;
}

/** What stands between the issue and its sign-off, in words; empty when it may be signed. */
export async function listSignOffBlockers(root: string, issueId: string): Promise<string[]> {
  const [records, hashes, waiting] = await Promise.all([readRecords(root, issueId), articleHashes(root, issueId), countWaitingMarks(root, issueId)]);
  const blockers = reviewArticles(records, hashes)
    .filter((review) => !review.passed)
    .map((review) => `${review.file}：${review.lapsed ?? '未终审'}`);
  if (Object.keys(hashes).length === 0) blockers.push('本期还没有文章');
  if (waiting > 0) blockers.push(`还有 ${waiting} 处校改待定或待核红`);
  if (signOffInForce(records, hashes)) blockers.push('本期已签付印');
  return blockers;
}

export async function signForPress(root: string, issueId: string, expected?: number): Promise<string | null> {
  const blockers = await listSignOffBlockers(root, issueId);
  if (blockers.length > 0) throw new UserError('input', `还不能签付印：${blockers.join('；')}`);
  await recordChange(root, [issueFolder(root, issueId)], '签付印前保存本期的改动');
  const commit = (await headCommit(root)) ?? null;
  await changeRecords(
    root,
    issueId,
    async (records) => {
      // Checked again inside the queue: a 终审 or an edit that came in meanwhile is seen.
      const hashes = await articleHashes(root, issueId);
      const unpassed = reviewArticles(records, hashes).filter((review) => !review.passed);
      if (unpassed.length > 0)
        throw new UserError('input', `还不能签付印：${unpassed.map((review) => `${review.file}：${review.lapsed ?? '未终审'}`).join('；')}`);
      return { ...records, signOffs: [...records.signOffs, { by: actorName(), at: new Date().toISOString(), commit, hashes }] };
    },
    expected,
  );
  await recordChange(root, [recordsFile(root, issueId)], `签付印：${issueId}（${commit ?? '无 git'}）`);
  return commit;
}
