/**
 * The article preview's routes: the article's pages as the last preview laid them out (an HTML document shown in a
 * sandboxed frame of the article page), the files those pages load, and the preview's events (refreshing, refreshed,
 * failed) for the browsers watching. The pages carry no script (LivePages.toHtml leaves them out) and their own
 * policy forbids any, and everything they load comes from the preview's files: nothing from the network.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { articlePath, issueFolder } from '../issueFolder.js';
import { type IssuePreview, IssuePreviews } from '../IssuePreviews.js';
import type { Desk } from './createDeskServer.js';
import { issueParams } from './issueRoutes.js';
import { streamEvents } from './streamEvents.js';

const articleParams = z.object({ id: z.string(), file: z.string() });
const fileParams = z.object({ id: z.string(), '*': z.string().min(1) });

/**
 * The preview document's own policy: no script at all (the `sandbox` directive without allow-scripts, and
 * script-src 'none'), files from the desk only, and framed only by the desk's own article page.
 */
const previewPolicy = [
  "default-src 'self'",
  "script-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  'sandbox allow-same-origin',
].join('; ');

export const previewFilesBase = (issueId: string) => `/issues/${encodeURIComponent(issueId)}/preview/files/`;

/** Route-level, so it runs after the desk's own onSend hook and replaces its frame-forbidding headers. */
async function framedByTheDesk(_request: unknown, reply: FastifyReply, payload: unknown) {
  reply.header('content-security-policy', previewPolicy);
  reply.header('x-frame-options', 'SAMEORIGIN');
  reply.header('cache-control', 'no-cache');
  return payload;
}

export function registerPreviewRoutes(app: FastifyInstance, desk: Desk): void {
  const previews = new IssuePreviews({ root: desk.root, chrome: desk.chrome, timeoutMs: desk.timeoutMs, filesBase: previewFilesBase });
  app.addHook('onClose', () => previews.close());

  app.get('/issues/:id/articles/:file/preview', { onSend: framedByTheDesk }, async (request, reply) => {
    const { id, file } = articleParams.parse(request.params);
    const path = articlePath(desk.root, id, file);
    const { preview, failure, refreshing } = previews.state(id);
    const pages = preview?.articlePages.get(path);
    const html =
      preview && pages
        ? articlePagesHtml(preview, pages)
        : notice(
            failure ??
              (preview
                ? `${file} 不在本期的联络图中：没有它的版面`
                : refreshing
                  ? '正在排版预览（第一次要排整期，约一次排版的时间；以后每次保存只重排改过的文章）…'
                  : '预览还没有开始'),
          );
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.get('/issues/:id/preview/files/*', { onSend: framedByTheDesk }, async (request, reply) => {
    const { id, '*': path } = fileParams.parse(request.params);
    issueFolder(desk.root, id);
    const asset = previews.state(id).preview?.assets.get(path);
    if (!asset) return reply.status(404).type('text/plain; charset=utf-8').send('预览中没有这个文件');
    return reply.type(asset.contentType).send(asset.body);
  });

  app.get('/issues/:id/preview/events', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    issueFolder(desk.root, id);
    const { preview, failure, refreshing } = previews.state(id);
    streamEvents(request, reply, (send) => {
      send('hello', { at: preview?.at, failure, refreshing });
      return previews.watch(id, (event) => send(event.type, event));
    });
  });
}

/** The issue's pages with all but the article's hidden, at a reading size, on the desk's grey. */
function articlePagesHtml(preview: IssuePreview, [first, last]: [number, number]): string {
  const style = `<style>
html { background: #8a8a8a; }
.pagedjs_pages > .pagedjs_page:nth-child(-n+${first - 1}), .pagedjs_pages > .pagedjs_page:nth-child(n+${last + 1}) { display: none; }
.pagedjs_pages { zoom: 0.7; }
.pagedjs_page { margin: 12px auto; box-shadow: 0 1px 6px rgba(0,0,0,.4); background: white; }
</style>`;
  return preview.html.replace('</head>', `${style}</head>`);
}

function notice(message: string): string {
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>body{font:15px/1.6 sans-serif;color:#333;margin:1.5em}</style><p>${Handlebars.escapeExpression(message)}</p></html>`;
}
