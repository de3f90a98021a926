/** An article: the plain editor with the text lint beside it, the stale-safe save, and the front matter form. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { openArticle, saveArticle } from '../articleText.js';
import { editFrontMatter, readPlan } from '../issuePlan.js';
import { type Desk, sendDone, wantsJson } from './createDeskServer.js';
import { pageList } from './issueRoutes.js';
import { renderView } from './renderView.js';

const articleParams = z.object({ id: z.string(), file: z.string() });
const saveBody = z.object({ text: z.string().max(5_000_000), hash: z.string().regex(/^[0-9a-f]{64}$/, '缺少打开时的版本（hash）：请重新打开文章') });
const frontMatterBody = z.object({
  title: z.string().trim().min(1, '标题不能为空'),
  subtitle: z.string().optional(),
  authors: z.string().optional(),
  affiliation: z.string().optional(),
  back: z.enum(['plan', 'article']).optional(),
});

/** 作者 as typed: separated by 、, commas, semicolons or spaces between names. */
export function splitAuthors(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[、，,;；\n]+/)
    .map((name) => name.trim())
    .filter(Boolean);
}

export function registerArticleRoutes(app: FastifyInstance, desk: Desk): void {
  app.get('/issues/:id/articles/:file', async (request, reply) => {
    const { id, file } = articleParams.parse(request.params);
    const article = await openArticle(desk.root, id, file);
    if (wantsJson(request)) return reply.send(article);
    const plan = await readPlan(desk.root, id);
    const planned = plan.sections.flatMap((section) => section.articles).find((candidate) => candidate.file === file);
    return reply.type('text/html; charset=utf-8').send(
      renderView('article', {
        title: file,
        issueId: id,
        tab: 'plan',
        article,
        saved: (request.query as { saved?: string }).saved === '1',
        front: planned,
        pages: planned?.pages ? pageList(planned.pages, 12) : [],
      }),
    );
  });

  app.post('/issues/:id/articles/:file', async (request, reply) => {
    const { id, file } = articleParams.parse(request.params);
    const body = saveBody.parse(request.body);
    const saved = await saveArticle(desk.root, id, file, body.text, body.hash);
    return sendDone(request, reply, `/issues/${encodeURIComponent(id)}/articles/${encodeURIComponent(file)}?saved=1`, {
      hash: saved.hash,
      findings: saved.findings,
    });
  });

  app.post('/issues/:id/articles/:file/front-matter', async (request, reply) => {
    const { id, file } = articleParams.parse(request.params);
    const body = frontMatterBody.parse(request.body);
    await editFrontMatter(desk.root, id, file, {
      title: body.title,
      subtitle: body.subtitle,
      authors: splitAuthors(body.authors),
      affiliation: body.affiliation,
    });
    const back = body.back === 'article' ? `/issues/${encodeURIComponent(id)}/articles/${encodeURIComponent(file)}` : `/issues/${encodeURIComponent(id)}`;
    return sendDone(request, reply, back);
  });
}
