/**
 * Proof rounds (一校, 二校, 三校) as the desk keeps them. Round N is build-issue --proof --round N with --since the
 * revision proofed in round N−1 (chosen for the user, so the change bars show what changed since the last proof).
 * The rounds, the marked proofs uploaded and the editor's decision on each mark live in issues/<id>/proofs/
 * (committed with the issue); the proofs the desk printed in dist/desk/<id>/round-N/.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { buildIssue, type BuildOptions, type BuildResult } from '../buildIssue.js';
import type { Correction, CorrectionsReport } from '../corrections/Correction.js';
import { openProof } from '../corrections/openProof.js';
import { readProof } from '../corrections/readProof.js';
import { outputPaths } from '../outputPaths.js';
import { UserError } from '../UserError.js';
import { writeOutput } from '../writeOutput.js';
import { checkPdf, safeFileName } from './checkUpload.js';
import { deskFolder, issueFolder } from './issueFolder.js';
import type { IssueBuilds } from './IssueBuilds.js';
import { readJsonRecord, writeJsonRecord } from './readJsonRecord.js';
import { headCommit, recordChange } from './recordChange.js';
import { noteProofStep, recordsFile } from './reviewRecords.js';
import { serialiseWrites } from './serialiseWrites.js';

export interface ProofRound {
  round: number;
  /** The commit proofed (the sources as printed in this round); null outside git. */
  revision: string | null;
  /** The revision the change bars compare against: round N−1's. */
  since: string | null;
  builtAt: string;
  /** Marks with no decision yet, as last counted. */
  marksWaiting?: number;
}

/** A mark as the lead's read-proof may give it: a field of the front matter when the mark is on generated text. */
export type DeskCorrection = Correction & { field?: { file: string; key: string } };

/** Accept or reject a mark; for an undecided one, the reading chosen (its index in `readings`), which accepts it as that. */
export type Decision = 'accept' | 'reject' | `reading-${number}`;

export interface RoundCorrections {
  round: ProofRound;
  marked: string[];
  report?: CorrectionsReport;
  /** Every correction with its key and the editor's decision. */
  rows: { key: string; article: string; correction: DeskCorrection; decision?: Decision }[];
}

const proofsFolder = (root: string, issueId: string) => join(issueFolder(root, issueId), 'proofs');
const roundsFile = (root: string, issueId: string) => join(proofsFolder(root, issueId), 'rounds.json');
const roundFolder = (root: string, issueId: string, round: number) => join(proofsFolder(root, issueId), `round-${round}`);
const decisionsFile = (root: string, issueId: string, round: number) => join(roundFolder(root, issueId, round), 'decisions.json');

/** The printed proof of a round and its report (dist/desk/<id>/round-N/). */
export function roundOutputs(root: string, issueId: string, round: number) {
  const dir = join(deskFolder(root, issueId), `round-${round}`);
  return { proof: join(dir, `${issueId}-proof-${round}.pdf`), reportHtml: join(dir, `${issueId}-proof-report-${round}.html`) };
}

export function readRounds(root: string, issueId: string): Promise<ProofRound[]> {
  return readJsonRecord<ProofRound[]>(roundsFile(root, issueId), []);
}

export async function findRound(root: string, issueId: string, round: number): Promise<ProofRound> {
  const found = (await readRounds(root, issueId)).find((candidate) => candidate.round === round);
  if (!found) throw new UserError('input', `本期还没有第${round}校：先出校样`);
  return found;
}

/**
 * Round N: the issue's uncommitted changes are committed first (so the revision proofed is exactly what is
 * printed), then the proof is built as the CLI builds it, copied into the round's folder and recorded.
 */
export function makeProofRound(
  builds: IssueBuilds,
  build: Omit<BuildOptions, 'reporter' | 'signal' | 'proof'>,
): { joined: boolean; done: Promise<BuildResult> } {
  const { root, issueId } = build;
  return builds.run(issueId, 'proof', async (reporter, signal) => {
    const rounds = await readRounds(root, issueId);
    const number = rounds.length + 1;
    const since = rounds.at(-1)?.revision ?? undefined;
    await recordChange(root, [issueFolder(root, issueId)], `第${number}校前保存本期的改动`);
    // The revision proofed is the one the build starts from (it reads every source before Chromium starts): a save
    // made while the proof is paginated is a later commit, so the next round's change bars show it.
    const revision = (await headCommit(root)) ?? null;
    reporter.stage(since ? `第${number}校：改动线对照第${number - 1}校（${since}）` : `第${number}校`);
    const result = await buildIssue({ ...build, proof: { round: number, since }, reporter, signal });
    const paths = outputPaths(build);
    const outputs = roundOutputs(root, issueId, number);
    await writeOutput(outputs.proof, await readFile(paths.proof));
    await writeOutput(outputs.reportHtml, await readFile(paths.proofReportHtml));
    await writeJsonRecord(roundsFile(root, issueId), [...rounds, { round: number, revision, since: since ?? null, builtAt: new Date().toISOString() }]);
    await noteProofStep(root, issueId, 'round', number, `所校版本 ${revision ?? '（无 git）'}`);
    await recordChange(
      root,
      [roundsFile(root, issueId), recordsFile(root, issueId)],
      `出第${number}校校样（${revision ?? '无 git'}${since ? `，改动线对照 ${since}` : ''}）`,
    );
    return result;
  });
}

/**
 * Marked proofs of round N: each must be a PDF carrying this issue's proof map of that round (openProof reads it);
 * refused files are named with the reason and nothing of them is kept.
 */
export async function addMarkedProofs(
  root: string,
  issueId: string,
  round: number,
  files: { name: string; bytes: Buffer }[],
): Promise<{ file: string; error?: string }[]> {
  await findRound(root, issueId, round);
  const folder = roundFolder(root, issueId, round);
  const outcomes: { file: string; error?: string }[] = [];
  const scratch = await mkdtemp(join(tmpdir(), 'paiban-desk-proof-'));
  try {
    for (const file of files) {
      try {
        checkPdf(file.name, file.bytes);
        const staged = join(scratch, 'proof.pdf');
        await writeFile(staged, file.bytes);
        const { document, map } = await openProof(staged, issueId).catch((error: Error) => {
          throw new UserError('input', `${file.name}：${error.message.replace(`${staged}: `, '')}`);
        });
        await document.destroy();
        if (map.round !== round) throw new UserError('input', `${file.name}：这是第${map.round}校的校样，不是第${round}校的；请在第${map.round}校上传`);
        // Two proofreaders sending files of one name at once: the free name is found and taken in one step.
        await serialiseWrites(issueId, async () => {
          const name = await freeName(folder, safeFileName(file.name, '.pdf'));
          await writeOutput(join(folder, name), file.bytes);
          await noteProofStep(root, issueId, 'marked', round, name);
          await recordChange(root, [join(folder, name), recordsFile(root, issueId)], `第${round}校：收到标注校样 ${file.name}`);
        });
        outcomes.push({ file: file.name });
      } catch (error) {
        outcomes.push({ file: file.name, error: error instanceof UserError ? error.message : `内部错误：${(error as Error).message}` });
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return outcomes;
}

async function freeName(folder: string, name: string): Promise<string> {
  for (let count = 1; ; count++) {
    const candidate = count === 1 ? name : name.replace(/\.pdf$/, `-${count}.pdf`);
    if (!(await stat(join(folder, candidate)).catch(() => undefined))) return candidate;
  }
}

async function markedProofs(root: string, issueId: string, round: number): Promise<string[]> {
  const folder = roundFolder(root, issueId, round);
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.pdf')).map((name) => join(folder, name));
}

/** A mark's stable key across readings: where it was read and what it says. */
export function correctionKey(correction: Correction): string {
  const { from, proof, marked, author, date } = correction;
  // An undecided mark keeps its key whichever reading is chosen: it is keyed as read (a strike-out, no new text).
  const [kind, text] = correction.chosen === undefined ? [correction.kind, correction.text] : ['delete', ''];
  return createHash('sha256')
    .update(JSON.stringify([from.pdf, from.object ?? null, kind, proof.page, proof.column, proof.line, marked, text, author, date]))
    .digest('hex')
    .slice(0, 16);
}

async function readDecisions(root: string, issueId: string, round: number): Promise<Record<string, Decision>> {
  return readJsonRecord<Record<string, Decision>>(decisionsFile(root, issueId, round), {});
}

/** read-proof's `choose`: the reading the editor chose for an undecided mark, from the round's decisions. */
function chosenReading(decisions: Record<string, Decision>): (correction: Correction) => number | undefined {
  return (correction) => {
    const reading = /^reading-(\d+)$/.exec(decisions[correctionKey(correction)] ?? '');
    return reading ? Number(reading[1]) : undefined;
  };
}

/** Statuses a decision is asked for: an edit that would apply, or an ambiguous mark (read-proof's 'undecided'). */
export function awaitsDecision(correction: DeskCorrection): boolean {
  return correction.status === 'pending' || (correction.status as string) === 'undecided';
}

/** The round's corrections (read-proof without --apply) with the editor's decisions. */
export async function readRoundCorrections(root: string, issueId: string, round: number): Promise<RoundCorrections> {
  const found = await findRound(root, issueId, round);
  const pdfs = await markedProofs(root, issueId, round);
  if (pdfs.length === 0) return { round: found, marked: [], rows: [] };
  const decisions = await readDecisions(root, issueId, round);
  const { report } = await readProof({ root, issueId, pdfs, apply: false, choose: chosenReading(decisions) });
  return withDecisions(root, issueId, found, pdfs, report);
}

async function withDecisions(root: string, issueId: string, round: ProofRound, pdfs: string[], report: CorrectionsReport): Promise<RoundCorrections> {
  const decisions = await readDecisions(root, issueId, round.round);
  const rows = report.articles.flatMap((article) =>
    article.corrections.map((correction) => ({ key: correctionKey(correction), article: article.file, correction: correction as DeskCorrection })),
  );
  const withDecision = rows.map((row) => ({ ...row, decision: decisions[row.key] }));
  // Ambiguous marks first: they need the editor before anything else.
  withDecision.sort((a, b) => Number((b.correction.status as string) === 'undecided') - Number((a.correction.status as string) === 'undecided'));
  const waiting = withDecision.filter((row) => awaitsDecision(row.correction) && !row.decision).length;
  if (round.marksWaiting !== waiting) {
    const rounds = await readRounds(root, issueId);
    await writeJsonRecord(
      roundsFile(root, issueId),
      rounds.map((candidate) => (candidate.round === round.round ? { ...candidate, marksWaiting: waiting } : candidate)),
    );
  }
  return { round: { ...round, marksWaiting: waiting }, marked: pdfs.map((pdf) => pdf.slice(pdf.lastIndexOf('/') + 1)), report, rows: withDecision };
}

export async function decideCorrection(root: string, issueId: string, round: number, key: string, decision: Decision): Promise<void> {
  if (!/^[0-9a-f]{16}$/.test(key)) throw new UserError('input', '没有这条校改');
  // decisions.json is read, changed and written back: two decisions at once must not drop one.
  return serialiseWrites(issueId, () => decide(root, issueId, round, key, decision));
}

async function decide(root: string, issueId: string, round: number, key: string, decision: Decision): Promise<void> {
  const { rows } = await readRoundCorrections(root, issueId, round);
  const row = rows.find((candidate) => candidate.key === key);
  if (!row) throw new UserError('input', '没有这条校改：校样可能已更换，请刷新');
  if (decision === 'accept' && (row.correction.status as string) === 'undecided')
    throw new UserError('input', `这处标注含义不明，不能直接接受：请选一种读法（删去，或改为所写的字），或在校样上写明“删”或“改为…”后重新上传`);
  const reading = /^reading-(\d+)$/.exec(decision);
  const readings = row.correction.readings;
  if (reading && (!readings || !awaitsDecision(row.correction) || !readings[Number(reading[1])]))
    throw new UserError('input', readings ? `这处标注只有${readings.length}种读法：请刷新后再选` : '这处标注没有待选的读法：请接受或拒绝');
  const chosen = reading && readings?.[Number(reading[1])];
  const decisions = { ...(await readDecisions(root, issueId, round)), [key]: decision };
  await writeJsonRecord(decisionsFile(root, issueId, round), decisions);
  const where = row.correction.source
    ? `${relative(root, resolve(row.correction.source.file))}:${row.correction.source.line}`
    : `第${row.correction.proof.page}页`;
  const mark = chosen
    ? `${row.correction.author}的标注按“${chosen.kind === 'delete' ? '删去' : `改为${chosen.text}`}”改（${where}，“${row.correction.marked}” → “${chosen.text}”）`
    : `${row.correction.author}的校改（${where}，“${row.correction.marked}” → “${row.correction.text}”）`;
  // A reading chosen is the mark accepted as that reading.
  await noteProofStep(root, issueId, chosen || decision === 'accept' ? 'accept' : 'reject', round, mark);
  await recordChange(
    root,
    [decisionsFile(root, issueId, round), recordsFile(root, issueId)],
    chosen ? `第${round}校：${mark}` : `第${round}校：${decision === 'accept' ? '接受' : '拒绝'}${mark}`,
  );
}

/** 核红: the accepted edits applied by read-proof's library; conflicts come back with their reason. */
export function applyAccepted(root: string, issueId: string, round: number): Promise<RoundCorrections> {
  // In the issue's queue: an editor's save waits for the apply (and is then refused as stale), never interleaves.
  return serialiseWrites(issueId, () => applyDecisions(root, issueId, round));
}

async function applyDecisions(root: string, issueId: string, round: number): Promise<RoundCorrections> {
  const found = await findRound(root, issueId, round);
  const pdfs = await markedProofs(root, issueId, round);
  const decisions = await readDecisions(root, issueId, round);
  const { report } = await readProof({
    root,
    issueId,
    pdfs,
    apply: true,
    accept: (correction) => decisions[correctionKey(correction)] === 'accept',
    choose: chosenReading(decisions),
  });
  const applied = report.articles.flatMap((article) => article.corrections).filter((correction) => correction.status === 'applied');
  await noteProofStep(root, issueId, 'apply', round, `改入${applied.length}处校改`);
  await recordChange(
    root,
    [issueFolder(root, issueId)],
    `第${round}校核红：改入${applied.length}处校改（${[...new Set(applied.map((correction) => correction.source?.file.replace(/^.*\//, '')))].join('、')}）`,
  );
  return withDecisions(root, issueId, found, pdfs, report);
}
