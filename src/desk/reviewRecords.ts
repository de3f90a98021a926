/**
 * 三审三校 records of an issue, kept in `issues/<id>/records.json` (schema-checked on every read, written atomically,
 * committed under the person's name): each article's passes (初审, 复审, 终审: who, when, and the SHA-256 of the
 * article file at that moment), each proof round's steps (made, marked proofs received, marks accepted or rejected,
 * 核红: who, when, what), and the sign-off for the press (签付印).
 *
 * A pass is proof of what was read: an article whose file differs from its hash at 终审 (changed in the desk or
 * outside it) has lost its 终审, and a sign-off lasts only while every article is as it was signed. Changes run one
 * at a time; a change that names the revision it was made from is refused (409) when the records moved on since.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { UserError } from '../UserError.js';
import { currentActor } from './deskActor.js';
import { articlePath, issueFolder } from './issueFolder.js';
import { readPlan } from './issuePlan.js';
import { readJsonRecord, writeJsonRecord } from './readJsonRecord.js';

export const stages = ['初审', '复审', '终审'] as const;
export type Stage = (typeof stages)[number];
export const stepActions = ['round', 'marked', 'accept', 'reject', 'apply'] as const;
export type StepAction = (typeof stepActions)[number];

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const time = z.iso.datetime({ offset: true });
const passSchema = z.object({ article: z.string().min(1), stage: z.enum(stages), by: z.string().min(1), at: time, hash });
const stepSchema = z.object({ action: z.enum(stepActions), round: z.number().int().min(1), by: z.string().min(1), at: time, detail: z.string() });
const signOffSchema = z.object({ by: z.string().min(1), at: time, commit: z.string().nullable(), hashes: z.record(z.string(), hash) });
const recordsSchema = z.object({
  revision: z.number().int().min(0),
  passes: z.array(passSchema),
  steps: z.array(stepSchema),
  signOffs: z.array(signOffSchema),
});

export type Pass = z.infer<typeof passSchema>;
export type ProofStep = z.infer<typeof stepSchema>;
export type SignOff = z.infer<typeof signOffSchema>;
export type Records = z.infer<typeof recordsSchema>;

export const recordsFile = (root: string, issueId: string) => join(issueFolder(root, issueId), 'records.json');

/** The records, checked against the schema: a hand-edited file that does not fit is named with what to do. */
export async function readRecords(root: string, issueId: string): Promise<Records> {
  const path = recordsFile(root, issueId);
  let raw: unknown;
  try {
    raw = await readJsonRecord<unknown>(path, { revision: 0, passes: [], steps: [], signOffs: [] });
  } catch (error) {
    throw new UserError('input', `${relative(root, path)}：不是有效的 JSON（${(error as Error).message}）；请从 git 历史恢复这个文件`);
  }
  const parsed = recordsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError('input', `${relative(root, path)}：${issue.path.join('.')} ${issue.message}；请从 git 历史恢复这个文件`);
  }
  return parsed.data;
}

/** The person acting: the one logged in, or the desk itself on a desk without accounts. */
export function actorName(): string {
  return currentActor()?.name ?? 'paiban-desk';
}

/** A change of the records refused because they moved on since the page it was made from (409, like a stale save). */
export class StaleRecords extends UserError {
  readonly statusCode = 409;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Reads, changes and writes the records, one change at a time: `change` sees the latest records (nothing another
 * person wrote a moment before is lost) and returns them changed, or throws to write nothing. With `expected`, the
 * records must still be at that revision.
 */
export function changeRecords(root: string, issueId: string, change: (records: Records) => Promise<Records> | Records, expected?: number): Promise<Records> {
  const next = queue.then(async () => {
    const records = await readRecords(root, issueId);
    if (expected !== undefined && records.revision !== expected) throw staleRefusal(records, expected);
    const changed = { ...(await change(records)), revision: records.revision + 1 };
    await writeJsonRecord(recordsFile(root, issueId), changed);
    return changed;
  });
  queue = next.catch(() => undefined);
  return next;
}

function staleRefusal(records: Records, expected: number): StaleRecords {
  const latest = [
    ...records.passes.map((pass) => ({ at: pass.at, text: `${pass.by}：${pass.article} ${pass.stage}` })),
    ...records.signOffs.map((sign) => ({ at: sign.at, text: `${sign.by}：签付印` })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 3)
    .map((entry) => entry.text);
  return new StaleRecords(
    'input',
    `记录已被别人改过（你看到的是第${expected}版，现在是第${records.revision}版${latest.length ? `，最近：${latest.join('；')}` : ''}）：什么也没有写入，请刷新页面再做`,
  );
}

/** Appends a proof round's step under the person acting (called by proofRounds.ts beside its own record). */
export async function noteProofStep(root: string, issueId: string, action: StepAction, round: number, detail: string): Promise<void> {
  const step = { action, round, by: actorName(), at: new Date().toISOString(), detail };
  await changeRecords(root, issueId, (records) => ({ ...records, steps: [...records.steps, step] }));
}

/** The SHA-256 of each article file of the plan, by file name, today. */
export async function articleHashes(root: string, issueId: string): Promise<Record<string, string>> {
  const plan = await readPlan(root, issueId);
  const files = plan.sections.flatMap((section) => section.articles.map((article) => article.file));
  const entries = await Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(articlePath(root, issueId, file)).catch(() => Buffer.alloc(0));
      return [file, createHash('sha256').update(bytes).digest('hex')] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export interface ArticleReview {
  file: string;
  /** The latest pass of each stage. */
  passes: Partial<Record<Stage, Pass & { changedSince: boolean }>>;
  /** 终审 given and the file as it was then. */
  passed: boolean;
  /** Why 终审 no longer holds: the file changed after it. */
  lapsed?: string;
}

/** Each article's passes against its file today: a changed file has lost its 终审. */
export function reviewArticles(records: Records, hashes: Record<string, string>): ArticleReview[] {
  return Object.entries(hashes).map(([file, today]) => {
    const passes: ArticleReview['passes'] = {};
    for (const pass of records.passes) if (pass.article === file) passes[pass.stage] = { ...pass, changedSince: pass.hash !== today };
    const final = passes.终审;
    return {
      file,
      passes,
      passed: Boolean(final && !final.changedSince),
      lapsed: final?.changedSince ? `终审（${final.by}，${final.at.slice(0, 16).replace('T', ' ')}）之后文章改过，终审失效，须重新终审` : undefined,
    };
  });
}

/** The sign-off in force: the latest one, while every article is as it was signed (and none added or taken out). */
export function signOffInForce(records: Records, hashes: Record<string, string>): SignOff | undefined {
  const last = records.signOffs.at(-1);
  if (!last) return undefined;
  const files = Object.keys(hashes);
  const same = files.length === Object.keys(last.hashes).length && files.every((file) => last.hashes[file] === hashes[file]);
  return same ? last : undefined;
}

export async function isIssueSigned(root: string, issueId: string): Promise<boolean> {
  const [records, hashes] = await Promise.all([readRecords(root, issueId).catch(() => undefined), articleHashes(root, issueId).catch(() => undefined)]);
  return Boolean(records && hashes && signOffInForce(records, hashes));
}
