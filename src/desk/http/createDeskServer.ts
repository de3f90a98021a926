/**
 * The desk's HTTP layer, thin over src/desk/: fastify with @fastify/formbody (forms), @fastify/multipart (uploads,
 * size-limited) and @fastify/static (htmx and the desk's own bundled script and style, served from the package:
 * nothing is fetched from the internet). Who may do what is one hook and one table (deskAccess.ts). Every page gets a Content-Security-Policy without inline script. A
 * UserError becomes a readable page (or JSON for a script) with a status; the server keeps serving.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { ExitCode, UserError } from '../../UserError.js';
import { StaleSave } from '../articleText.js';
import { explainError } from '../explainError.js';
import { IssueBuilds } from '../IssueBuilds.js';
import { ManuscriptInbox } from '../importUploads.js';
import { registerArticleRoutes } from './articleRoutes.js';
import { registerBuildRoutes } from './buildRoutes.js';
import { registerAccess } from './deskAccess.js';
import { registerIssueRoutes } from './issueRoutes.js';
import { registerLoginRoutes } from './loginRoutes.js';
import { registerPreviewRoutes } from './previewRoutes.js';
import { registerProofRoutes } from './proofRoutes.js';
import { registerRecordRoutes } from './recordRoutes.js';
import { renderView } from './renderView.js';

export interface DeskOptions {
  /** The project folder (periodical.yaml, issues/). */
  root: string;
  /** Largest upload accepted, in bytes (default 50 MB). */
  maxUploadBytes?: number;
  chrome?: string;
  /** A build's timeout (default 300 s, as build-issue). */
  timeoutMs?: number;
  /** Serve HTTPS with this certificate and key (PEM): the session cookie is then Secure. */
  https?: { cert: Buffer; key: Buffer };
}

/** What every route gets: the options and the desk's long-lived parts. */
export interface Desk {
  root: string;
  chrome?: string;
  timeoutMs: number;
  builds: IssueBuilds;
  inbox: ManuscriptInbox;
}

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export async function createDeskServer(options: DeskOptions): Promise<FastifyInstance> {
  const desk: Desk = {
    root: options.root,
    chrome: options.chrome,
    timeoutMs: options.timeoutMs ?? 300_000,
    builds: new IssueBuilds(options.root),
    inbox: new ManuscriptInbox(options.root),
  };
  const maxUploadBytes = options.maxUploadBytes ?? 50 * 1024 * 1024;
  const app = (
    options.https
      ? Fastify({ logger: false, bodyLimit: maxUploadBytes + 1024 * 1024, https: options.https })
      : Fastify({ logger: false, bodyLimit: maxUploadBytes + 1024 * 1024 })
  ) as FastifyInstance;
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 20, fields: 20, fieldSize: 64 * 1024 } });
  await app.register(fastifyStatic, {
    root: join(packageRoot, 'node_modules', 'htmx.org', 'dist'),
    prefix: '/assets/htmx/',
    decorateReply: false,
    allowedPath: (path) => path === '/htmx.min.js',
  });
  await app.register(fastifyStatic, { root: join(packageRoot, 'lib', 'desk', 'client'), prefix: '/assets/desk/', decorateReply: false });

  const access = registerAccess(app, desk.root, wantsJson);
  app.addHook('onSend', async (request, reply, payload) => {
    // Over HTTPS the browser is told to keep to it (a year), so a later http:// address cannot leak the cookie.
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    reply.header('content-security-policy', contentSecurityPolicy);
    reply.header('x-content-type-options', 'nosniff');
    // frame-ancestors in the CSP says the same to current browsers; older ones (an office's old IE mode) read this.
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    return payload;
  });
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply, maxUploadBytes));
  app.setNotFoundHandler((request, reply) => sendError(new UserError('input', `没有这个页面：${request.url}`), request, reply, maxUploadBytes, 404));
  app.addHook('onClose', async () => {
    await desk.builds.close();
    await desk.inbox.close();
  });

  registerLoginRoutes(app, desk.root, access);
  registerIssueRoutes(app, desk);
  registerArticleRoutes(app, desk);
  registerPreviewRoutes(app, desk);
  registerBuildRoutes(app, desk);
  registerProofRoutes(app, desk);
  registerRecordRoutes(app, desk);
  return app;
}

/** A script asks for JSON (Accept: application/json); the pages get HTML. */
export function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

/** After a change: JSON for a script, or back to the page that shows the result (303: GET it). */
export function sendDone(request: FastifyRequest, reply: FastifyReply, location: string, json: Record<string, unknown> = {}) {
  if (wantsJson(request)) return reply.send({ ok: true, ...json });
  return reply.redirect(location, 303);
}

function statusOf(error: unknown): number {
  if (error instanceof StaleSave) return 409;
  const explicit = (error as { statusCode?: number }).statusCode;
  if (error instanceof UserError && explicit) return explicit;
  if (error instanceof UserError) return error.exitCode === ExitCode.input ? 400 : error.exitCode === ExitCode.check ? 422 : 500;
  if (error instanceof ZodError) return 400;
  const status = (error as { statusCode?: number }).statusCode;
  return status && status >= 400 && status < 600 ? status : 500;
}

function messageOf(error: unknown, maxUploadBytes?: number): string {
  if (error instanceof UserError) return explainError(error);
  if (error instanceof ZodError) return `表单填写有误：${error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('；')}`;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return `上传的文件太大${maxUploadBytes ? `（上限 ${formatBytes(maxUploadBytes)}）` : ''}：什么也没有保存。请压缩稿件中的图片，或分开上传`;
  if (code === 'FST_FILES_LIMIT') return '一次上传的文件太多（最多 20 个）：什么也没有保存，请分批上传';
  return `内部错误：${(error as Error)?.message ?? error}（请报告）`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply, maxUploadBytes: number, status = statusOf(error)) {
  const message = messageOf(error, maxUploadBytes);
  if (status >= 500 && !(error instanceof UserError)) request.log.error(error);
  reply.status(status);
  if (error instanceof StaleSave && !wantsJson(request)) {
    const params = request.params as { id: string };
    return reply.type('text/html; charset=utf-8').send(
      renderView('article', {
        title: `合并 ${error.current.file}`,
        issueId: params.id,
        tab: 'plan',
        error: message,
        article: error.current,
        yours: error.yours,
      }),
    );
  }
  // A stale save gives a script both texts too, and who changed the file in between: nothing is lost.
  if (error instanceof StaleSave && wantsJson(request))
    return reply.send({
      ok: false,
      status,
      error: message,
      current: { text: error.current.text, hash: error.current.hash },
      yours: error.yours,
      change: error.change,
    });
  if (wantsJson(request)) return reply.send({ ok: false, status, error: message });
  const issueId = (request.params as { id?: string } | undefined)?.id;
  return reply
    .type('text/html; charset=utf-8')
    .send(renderView('error', { title: '出错了', issueId: issueId && /^[A-Za-z0-9_-]+$/.test(issueId) ? issueId : undefined, message }));
}
