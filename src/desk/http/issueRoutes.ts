/** The issues list, a new issue, the issue plan (联络图), 收稿 and the history: thin routes over src/desk/. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { outputPaths } from '../../outputPaths.js';
import { readBuildRecord } from '../IssueBuilds.js';
import { pdfPageInfo } from '../pageImage.js';
import { createIssue } from '../createIssue.js';
import { articlePath, issueFolder } from '../issueFolder.js';
import { moveArticle, readPlan, removeArticle } from '../issuePlan.js';
import { listIssues } from '../listIssues.js';
import { currentActor } from '../deskActor.js';
import { isIssueSigned } from '../reviewRecords.js';
import { diffBetween, isGitRepository, readHistory } from '../recordChange.js';
import { type Desk, sendDone, wantsJson } from './createDeskServer.js';
import { readMultipart } from './readMultipart.js';
import { renderView } from './renderView.js';

export const issueParams = z.object({ id: z.string() });
const newIssueBody = z.object({
  id: z.string().trim().min(1, '请填期号'),
  year: z.coerce.number().int().min(1900).max(2999),
  number: z.coerce.number().int().min(1).max(53),
  date: z.iso.date('日期写成 YYYY-MM-DD'),
  cumulative: z.union([z.literal('').transform(() => undefined), z.coerce.number().int().positive()]).optional(),
});
const moveBody = z.object({ article: z.string(), section: z.string(), position: z.coerce.number().int().min(0) });
const removeBody = z.object({ article: z.string() });
const acceptBody = z.object({ token: z.string().uuid() });
const diffQuery = z.object({ article: z.string(), from: z.string(), to: z.string().optional() });

export function registerIssueRoutes(app: FastifyInstance, desk: Desk): void {
  const html = 'text/html; charset=utf-8';

  app.get('/', async (request, reply) => {
    // The printer's list holds the issues signed for the press only (their pages answer 404 to the printer otherwise).
    const printer = currentActor()?.role === 'printer';
    const all = await listIssues(desk.root);
    const signed = printer ? await Promise.all(all.map((issue) => isIssueSigned(desk.root, issue.id))) : [];
    const issues = printer ? all.filter((_, index) => signed[index]) : all;
    if (wantsJson(request)) return reply.send({ issues });
    return reply.type(html).send(renderView('issues', { title: '各期', issues, printer, today: new Date().toISOString().slice(0, 10) }));
  });

  app.post('/issues', async (request, reply) => {
    const body = newIssueBody.parse(request.body);
    await createIssue(desk.root, body);
    return sendDone(request, reply, `/issues/${encodeURIComponent(body.id)}/intake`, { id: body.id });
  });

  app.get('/issues/:id', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const plan = await readPlan(desk.root, id);
    if (wantsJson(request)) return reply.send(plan);
    const sections = plan.sections.map((section, sectionIndex) => ({
      ...section,
      articles: section.articles.map((article, index) => ({
        ...article,
        hasUp: index > 0,
        up: index - 1,
        hasDown: index < section.articles.length - 1,
        down: index + 1,
        otherSections: plan.sections.filter((_, other) => other !== sectionIndex).map((other) => other.title),
        thumbnails: article.pages ? pageList(article.pages, 4) : [],
      })),
    }));
    // The thumbnails' height before they load (A4-like pages unless the build says otherwise), so nothing jumps.
    const size = (await pdfPageInfo(outputPaths({ root: desk.root, issueId: id }).pdf))?.size;
    const thumbHeight = Math.round((60 * (size?.height ?? 297)) / (size?.width ?? 210));
    return reply.type(html).send(renderView('plan', { title: `${id} 联络图`, issueId: id, tab: 'plan', plan, sections, thumbHeight }));
  });

  app.post('/issues/:id/plan/move', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const body = moveBody.parse(request.body);
    await moveArticle(desk.root, id, body.article, body.section, body.position);
    return sendDone(request, reply, `/issues/${encodeURIComponent(id)}`);
  });

  app.post('/issues/:id/plan/remove', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const body = removeBody.parse(request.body);
    await removeArticle(desk.root, id, body.article);
    return sendDone(request, reply, `/issues/${encodeURIComponent(id)}`);
  });

  app.get('/issues/:id/intake', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const plan = await readPlan(desk.root, id);
    return reply
      .type(html)
      .send(renderView('intake', { title: `${id} 收稿`, issueId: id, tab: 'intake', sections: plan.sections.map((section) => section.title) }));
  });

  app.post('/issues/:id/manuscripts', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    issueFolder(desk.root, id);
    const form = await readMultipart(request);
    const section = z
      .string()
      .trim()
      .min(1, '请选择或填写栏目')
      .parse(form.fields.section || form.fields.newSection);
    if (form.files.length === 0)
      return reply
        .status(400)
        .type(html)
        .send(renderView('error', { title: '出错了', issueId: id, message: '没有选择文件：请选择或拖入 .docx 稿件' }));
    const outcomes = await desk.inbox.importFiles(id, section, form.files);
    const refused = outcomes.filter((outcome) => outcome.error).length;
    if (wantsJson(request)) return reply.status(refused === outcomes.length ? 400 : 200).send({ ok: refused === 0, outcomes });
    const plan = await readPlan(desk.root, id);
    return reply
      .status(refused === outcomes.length ? 400 : 200)
      .type(html)
      .send(renderView('intake', { title: `${id} 收稿`, issueId: id, tab: 'intake', sections: plan.sections.map((item) => item.title), outcomes, section }));
  });

  app.post('/issues/:id/manuscripts/accept', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const { token } = acceptBody.parse(request.body);
    const outcome = await desk.inbox.acceptChanges(id, token);
    if (wantsJson(request)) return reply.status(outcome.error ? 400 : 200).send({ ok: !outcome.error, outcomes: [outcome] });
    const plan = await readPlan(desk.root, id);
    return reply
      .status(outcome.error ? 400 : 200)
      .type(html)
      .send(renderView('intake', { title: `${id} 收稿`, issueId: id, tab: 'intake', sections: plan.sections.map((item) => item.title), outcomes: [outcome] }));
  });

  app.get('/issues/:id/history', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const git = await isGitRepository(desk.root);
    const history = await readHistory(desk.root, issueFolder(desk.root, id));
    const plan = await readPlan(desk.root, id);
    const articles = plan.sections.flatMap((section) => section.articles.map((article) => article.file));
    if (wantsJson(request)) return reply.send({ git, history });
    return reply.type(html).send(renderView('history', { title: `${id} 历史`, issueId: id, tab: 'history', git, history, articles }));
  });

  app.get('/issues/:id/diff', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const query = diffQuery.parse(request.query);
    const diff = await diffBetween(desk.root, articlePath(desk.root, id, query.article), query.from, query.to || undefined);
    if (wantsJson(request)) return reply.send({ diff });
    const lines = diff
      .split('\n')
      .map((text) => ({ text, kind: text.startsWith('+') ? 'added' : text.startsWith('-') ? 'removed' : text.startsWith('@@') ? 'hunk' : '' }));
    const history = await readHistory(desk.root, articlePath(desk.root, id, query.article));
    return reply
      .type(html)
      .send(renderView('history', { title: `${id} ${query.article} 的改动`, issueId: id, tab: 'history', git: true, diff: { ...query, lines }, history }));
  });

  app.get('/issues/:id/record', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    return reply.send(await readBuildRecord(desk.root, id));
  });
}

/** Up to `most` pages of a range, for the plan's small page images. */
export function pageList([first, last]: [number, number], most: number): number[] {
  return Array.from({ length: Math.min(most, last - first + 1) }, (_, index) => first + index);
}
