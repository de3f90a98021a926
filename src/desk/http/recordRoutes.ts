/**
 * 三审三校 records: the records page (every pass, proof step and sign-off with its person and time), the chief's
 * 初审/复审/终审 and 签付印, and the 发稿签 and 付印单 PDFs. Who may is deskAccess.ts's table, as for every route.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { issueFolder } from '../issueFolder.js';
import { readPlan } from '../issuePlan.js';
import { passArticle } from '../passArticle.js';
import { printReviewSlip, proofRoundRows } from '../printReviewSlip.js';
import { articleHashes, readRecords, reviewArticles, signOffInForce, stages } from '../reviewRecords.js';
import { listSignOffBlockers, signForPress } from '../signForPress.js';
import { currentActor } from '../deskActor.js';
import { type Desk, sendDone, wantsJson } from './createDeskServer.js';
import { mayUse } from './deskAccess.js';
import { issueParams } from './issueRoutes.js';
import { renderView } from './renderView.js';

const revision = z.union([z.literal('').transform(() => undefined), z.coerce.number().int().min(0)]).optional();
const passBody = z.object({ article: z.string(), stage: z.enum(stages), revision });
const signBody = z.object({ revision });
const slipParams = z.object({ id: z.string(), file: z.string() });

export function registerRecordRoutes(app: FastifyInstance, desk: Desk): void {
  app.get('/issues/:id/records', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const [plan, records, hashes] = await Promise.all([readPlan(desk.root, id), readRecords(desk.root, id), articleHashes(desk.root, id)]);
    const reviews = new Map(reviewArticles(records, hashes).map((review) => [review.file, review]));
    const signOff = signOffInForce(records, hashes);
    const blockers = await listSignOffBlockers(desk.root, id);
    const rounds = await proofRoundRows(desk.root, id, records);
    const articles = plan.sections.flatMap((section) =>
      section.articles.map((article) => ({ ...article, section: section.title, review: reviews.get(article.file) })),
    );
    if (wantsJson(request)) return reply.send({ revision: records.revision, articles, rounds, signOff, signOffs: records.signOffs, blockers });
    const actor = currentActor();
    const mayPass = !actor || mayUse(actor.role, 'POST /issues/:id/records/pass', request);
    return reply.type('text/html; charset=utf-8').send(
      renderView('records', {
        title: `${id} 三审三校记录`,
        issueId: id,
        tab: 'records',
        revision: records.revision,
        articles: articles.map((article) => ({
          ...article,
          stages: stages.map((stage, index) => {
            const pass = article.review?.passes[stage];
            const previous = stages[index - 1];
            const ready = !previous || Boolean(article.review?.passes[previous]);
            return { stage, pass, offer: mayPass && ready && (!pass || pass.changedSince) };
          }),
        })),
        // Every pass in the order given, the lapsed ones too: the page is the record, not only today's state.
        passHistory: records.passes.map((pass) => ({ ...pass, title: articles.find((article) => article.file === pass.article)?.title })),
        rounds,
        signOff,
        signOffs: [...records.signOffs].reverse(),
        blockers,
        maySign: mayPass && blockers.length === 0,
      }),
    );
  });

  app.post('/issues/:id/records/pass', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const body = passBody.parse(request.body);
    await passArticle(desk.root, id, body.article, body.stage, body.revision);
    return sendDone(request, reply, `/issues/${encodeURIComponent(id)}/records#article-${encodeURIComponent(body.article)}`);
  });

  app.post('/issues/:id/records/sign', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const body = signBody.parse(request.body ?? {});
    const commit = await signForPress(desk.root, id, body.revision);
    return sendDone(request, reply, `/issues/${encodeURIComponent(id)}/records#sign-off`, { commit });
  });

  app.get('/issues/:id/records/slip/:file', async (request, reply) => {
    const { id, file } = slipParams.parse(request.params);
    return sendPdf(reply, await printReviewSlip({ root: desk.root, issueId: id, chrome: desk.chrome, article: file }));
  });

  app.get('/issues/:id/records/print-order', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    issueFolder(desk.root, id);
    return sendPdf(reply, await printReviewSlip({ root: desk.root, issueId: id, chrome: desk.chrome }));
  });
}

function sendPdf(reply: FastifyReply, slip: { pdf: Uint8Array; name: string }) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(slip.name)}`)
    .send(Buffer.from(slip.pdf));
}
