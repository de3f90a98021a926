/**
 * Proof rounds: make round N, download the proof and its report, upload marked proofs, the corrections table with
 * accept/reject per mark, 核红 (apply the accepted ones), and a mark on generated text offered as an edit of the
 * front-matter field it came from.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserError } from '../../UserError.js';
import { buildKindNames, lastFailureOf, readBuildRecord } from '../IssueBuilds.js';
import { issueFolder } from '../issueFolder.js';
import { editFrontMatter, readPlan } from '../issuePlan.js';
import {
  addMarkedProofs,
  applyAccepted,
  awaitsDecision,
  type Decision,
  decideCorrection,
  makeProofRound,
  readRoundCorrections,
  readRounds,
  type RoundCorrections,
} from '../proofRounds.js';
import { splitAuthors } from './articleRoutes.js';
import { type Desk, sendDone, wantsJson } from './createDeskServer.js';
import { issueParams } from './issueRoutes.js';
import { readMultipart } from './readMultipart.js';
import { renderView } from './renderView.js';

const roundParams = z.object({ id: z.string(), round: z.coerce.number().int().min(1).max(999) });
const decisionBody = z.object({
  key: z.string().regex(/^[0-9a-f]{16}$/),
  decision: z
    .string()
    .regex(/^(accept|reject|reading-\d{1,2})$/, '只能是 accept、reject 或 reading-N（待定标注的第N种读法）')
    .transform((value) => value as Decision),
});
const editableFields = ['title', 'subtitle', 'authors', 'affiliation'] as const;
const fieldLabels: Record<string, string> = { title: '标题', subtitle: '副标题', authors: '作者', affiliation: '作者单位', tocTitle: '目录标题' };
const fieldBody = z.object({ file: z.string(), key: z.enum(editableFields), value: z.string() });

const statusNames: Record<string, string> = { pending: '待定', applied: '已改入', conflict: '冲突', comment: '批注', undecided: '含义不明' };
const kindNames: Record<string, string> = { replace: '替换', delete: '删除', insert: '插入', comment: '批注' };

export function registerProofRoutes(app: FastifyInstance, desk: Desk): void {
  app.get('/issues/:id/proofs', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    issueFolder(desk.root, id);
    const rounds = await readRounds(desk.root, id);
    const running = desk.builds.current(id);
    const record = await readBuildRecord(desk.root, id);
    if (wantsJson(request)) return reply.send({ rounds, running: Boolean(running) });
    const failedLast = lastFailureOf(record, 'proof');
    return reply.type('text/html; charset=utf-8').send(
      renderView('proofs', {
        title: `${id} 校样`,
        issueId: id,
        tab: 'proofs',
        rounds: [...rounds].reverse(),
        next: rounds.length + 1,
        since: rounds.at(-1)?.revision,
        running: running && { kind: buildKindNames[running.kind] },
        failedLast,
      }),
    );
  });

  app.post('/issues/:id/proofs', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    issueFolder(desk.root, id);
    const { joined } = makeProofRound(desk.builds, { root: desk.root, issueId: id, chrome: desk.chrome, timeoutMs: desk.timeoutMs });
    return sendDone(request, reply, `/issues/${encodeURIComponent(id)}/proofs`, { joined });
  });

  app.get('/issues/:id/proofs/:round', async (request, reply) => {
    const { id, round } = roundParams.parse(request.params);
    const corrections = await readRoundCorrections(desk.root, id, round);
    if (wantsJson(request)) return reply.send(corrections);
    return reply.type('text/html; charset=utf-8').send(await roundPage(desk, id, corrections));
  });

  app.post('/issues/:id/proofs/:round/marked', async (request, reply) => {
    const { id, round } = roundParams.parse(request.params);
    const form = await readMultipart(request);
    if (form.files.length === 0) throw new UserError('input', '没有选择文件：请选择标注后的校样 PDF');
    const outcomes = await addMarkedProofs(desk.root, id, round, form.files);
    const refused = outcomes.filter((outcome) => outcome.error);
    const status = refused.length === outcomes.length ? 400 : 200;
    if (wantsJson(request)) return reply.status(status).send({ ok: refused.length === 0, outcomes });
    const corrections = await readRoundCorrections(desk.root, id, round);
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(await roundPage(desk, id, corrections, { uploads: outcomes }));
  });

  app.post('/issues/:id/proofs/:round/decisions', async (request, reply) => {
    const { id, round } = roundParams.parse(request.params);
    const body = decisionBody.parse(request.body);
    await decideCorrection(desk.root, id, round, body.key, body.decision);
    return sendDone(request, reply, `/issues/${encodeURIComponent(id)}/proofs/${round}#mark-${body.key}`);
  });

  app.post('/issues/:id/proofs/:round/apply', async (request, reply) => {
    const { id, round } = roundParams.parse(request.params);
    const corrections = await applyAccepted(desk.root, id, round);
    const conflicts = corrections.rows.filter((row) => row.correction.status === 'conflict').length;
    if (wantsJson(request)) return reply.send({ ok: conflicts === 0, corrections });
    return reply.type('text/html; charset=utf-8').send(await roundPage(desk, id, corrections, { applied: true, conflicts }));
  });

  app.post('/issues/:id/proofs/:round/field', async (request, reply) => {
    const { id, round } = roundParams.parse(request.params);
    const body = fieldBody.parse(request.body);
    if (body.file.endsWith('issue.yaml')) throw new UserError('input', '期的字段（issue.yaml）不能在这里修改：请改 issue.yaml');
    const plan = await readPlan(desk.root, id);
    const article = plan.sections.flatMap((section) => section.articles).find((candidate) => candidate.file === body.file.replace(/^.*\//, ''));
    if (!article) throw new UserError('input', `本期没有文章 ${body.file}`);
    const values = { title: article.title, subtitle: article.subtitle, authors: article.authors, affiliation: article.affiliation };
    await editFrontMatter(desk.root, id, article.file, { ...values, [body.key]: body.key === 'authors' ? splitAuthors(body.value) : body.value });
    return sendDone(request, reply, `/issues/${encodeURIComponent(id)}/proofs/${round}`);
  });
}

async function roundPage(
  desk: Desk,
  issueId: string,
  corrections: RoundCorrections,
  notice: { uploads?: { file: string; error?: string }[]; applied?: boolean; conflicts?: number } = {},
) {
  const plan = await readPlan(desk.root, issueId);
  const articles = plan.sections.flatMap((section) => section.articles);
  const rows = corrections.rows.map((row) => {
    const { correction } = row;
    const chosen = correction.chosen !== undefined && correction.readings?.[correction.chosen];
    const field = correction.field;
    const fieldArticle = field && articles.find((article) => article.file === field.file.replace(/^.*\//, ''));
    const fieldValue = fieldArticle && (field.key === 'authors' ? fieldArticle.authors.join('、') : String(fieldArticle[field.key as 'title'] ?? ''));
    return {
      ...row,
      kind: kindNames[correction.kind] ?? correction.kind,
      status: row.decision === 'reject' && awaitsDecision(correction) ? '已拒绝，不改' : (statusNames[correction.status] ?? correction.status),
      statusClass: correction.status,
      where:
        correction.proof.line > 0
          ? `第${correction.proof.page}页 第${correction.proof.column}栏 第${correction.proof.line}行`
          : `第${correction.proof.page}页（正文外）`,
      source: correction.source && `${correction.source.file.replace(/^.*\/issues\//, 'issues/')}:${correction.source.line}`,
      // An ambiguous mark is never applied (read-proof says what to decide in its reason): it can be set aside, not accepted.
      decide: awaitsDecision(correction),
      undecided: (correction.status as string) === 'undecided',
      accepted: row.decision === 'accept' || Boolean(chosen),
      // An ambiguous mark's readings, each a button: choosing one accepts the mark as that edit.
      readings:
        awaitsDecision(correction) &&
        correction.readings?.map((reading, index) => ({
          value: `reading-${index}`,
          label: reading.kind === 'delete' ? `删去“${correction.marked}”` : `改为“${reading.text}”`,
          chosen: correction.chosen === index,
        })),
      rejected: row.decision === 'reject',
      // The printed fields the plan edits get a form here; any other (tocTitle, an issue.yaml field) is named, to edit at its place.
      field: field && {
        ...field,
        value: fieldValue ?? '',
        article: fieldArticle?.file,
        editable: Boolean(fieldArticle) && (editableFields as readonly string[]).includes(field.key),
        label: fieldLabels[field.key] ?? field.key,
      },
    };
  });
  return renderView('round', {
    title: `${issueId} 第${corrections.round.round}校`,
    issueId,
    tab: 'proofs',
    round: corrections.round,
    marked: corrections.marked,
    summary: summarise(rows.map((row) => row.statusClass)),
    rows,
    accepted: rows.filter((row) => row.accepted && row.decide).length,
    undecidedLeft: rows.filter((row) => row.undecided && !row.rejected).length,
    ...notice,
  });
}

/** “4 处标注：2 处已改入，1 处待定，1 条批注”: the round's marks counted by status. */
function summarise(statuses: string[]): string {
  if (statuses.length === 0) return '校样上没有标注。';
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return `${statuses.length} 处标注：${[...counts].map(([status, count]) => `${count} 处${statusNames[status] ?? status}`).join('，')}。`;
}
