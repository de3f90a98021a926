/**
 * 排版 and 付印: the build button (joining a running build), live progress over Server-Sent Events, the pages as
 * images, the typography findings linked to their pages, the press PDFs with their preflight, and downloads of the
 * files the build wrote (by name from a fixed list, never by path).
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TypographyReport } from '../../check/checkTypography.js';
import { outputPaths } from '../../outputPaths.js';
import { UserError } from '../../UserError.js';
import { buildKindNames, lastFailureOf, readBuildRecord } from '../IssueBuilds.js';
import { issueFolder } from '../issueFolder.js';
import { readPreflight, startBuild, startPress } from '../issueBuildTasks.js';
import { pageImage, pageSizes, pdfPageInfo } from '../pageImage.js';
import { roundOutputs } from '../proofRounds.js';
import { currentActor } from '../deskActor.js';
import { type Desk, sendDone, wantsJson } from './createDeskServer.js';
import { mayUse } from './deskAccess.js';
import { issueParams } from './issueRoutes.js';
import { renderView } from './renderView.js';
import { streamEvents } from './streamEvents.js';

const pageParams = z.object({ id: z.string(), page: z.coerce.number().int().min(1).max(9999) });
const pageQuery = z.object({
  size: z.enum(Object.keys(pageSizes) as ['small', 'read']).default('small'),
  pdf: z
    .string()
    .regex(/^(interior|proof-\d{1,3})$/)
    .default('interior'),
});
const fileParams = z.object({
  id: z.string(),
  name: z.string().regex(/^(interior|cover|check|press|cover-press|proof-\d{1,3}|proof-report-\d{1,3})$/, '没有这个文件'),
});

/** A downloadable file of the issue by its name in the desk, and the name it is saved under. */
export function issueFile(root: string, issueId: string, name: string): { path: string; download: string; type: string } {
  issueFolder(root, issueId);
  const paths = outputPaths({ root, issueId });
  const round = /^proof(-report)?-(\d+)$/.exec(name);
  if (round) {
    const outputs = roundOutputs(root, issueId, Number(round[2]));
    return round[1]
      ? { path: outputs.reportHtml, download: `${issueId}-第${round[2]}校-校样报告.html`, type: 'text/html; charset=utf-8' }
      : { path: outputs.proof, download: `${issueId}-第${round[2]}校-校样.pdf`, type: 'application/pdf' };
  }
  const files: Record<string, [string, string, string]> = {
    interior: [paths.pdf, `${issueId}.pdf`, 'application/pdf'],
    cover: [paths.cover, `${issueId}-封面.pdf`, 'application/pdf'],
    check: [paths.check, `${issueId}.check.json`, 'application/json'],
    press: [paths.press, `${issueId}-付印-内文.pdf`, 'application/pdf'],
    'cover-press': [paths.coverPress, `${issueId}-付印-封面.pdf`, 'application/pdf'],
  };
  const [path, download, type] = files[name];
  return { path, download, type };
}

export function registerBuildRoutes(app: FastifyInstance, desk: Desk): void {
  const buildOptions = (issueId: string) => ({ root: desk.root, issueId, chrome: desk.chrome, timeoutMs: desk.timeoutMs });

  app.get('/issues/:id/build', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const record = await readBuildRecord(desk.root, id);
    const running = desk.builds.current(id);
    const paths = outputPaths({ root: desk.root, issueId: id });
    const { pages: pageCount, size } = (await pdfPageInfo(paths.pdf)) ?? {};
    const check = await readFile(paths.check, 'utf8').then(
      (text) => JSON.parse(text) as TypographyReport,
      () => undefined,
    );
    const failedLast = lastFailureOf(record);
    const state = { record, running: running && { kind: buildKindNames[running.kind], events: running.events }, pageCount, findings: check?.findings ?? [] };
    if (wantsJson(request)) return reply.send(state);
    const pdfAt = await stat(paths.pdf).then(
      (info) => info.mtime.toISOString(),
      () => undefined,
    );
    const findingsByPage = new Map<number, number>();
    for (const finding of check?.findings ?? []) findingsByPage.set(finding.page, (findingsByPage.get(finding.page) ?? 0) + 1);
    return reply.type('text/html; charset=utf-8').send(
      renderView('build', {
        title: `${id} 排版`,
        issueId: id,
        tab: 'build',
        ...state,
        failedLast,
        pdfAt,
        lastStage: running?.events.filter((event) => event.type === 'stage').at(-1),
        pages: Array.from({ length: pageCount ?? 0 }, (_, index) => ({ page: index + 1, findings: findingsByPage.get(index + 1) })),
        pageHeight: Math.round((420 * (size?.height ?? 297)) / (size?.width ?? 210)),
        seconds: record.lastGood?.seconds.toFixed(1),
        findings: (check?.findings ?? []).map((finding) => ({ ...finding, articleFile: finding.article?.replace(/^.*[/\\]/, '') })),
        downloads: await existingDownloads(desk.root, id, ['interior', 'cover', 'check']),
      }),
    );
  });

  app.post('/issues/:id/build', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    issueFolder(desk.root, id);
    const { joined } = startBuild(desk.builds, buildOptions(id));
    return sendDone(request, reply, `/issues/${encodeURIComponent(id)}/build`, { joined });
  });

  app.get('/issues/:id/events', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    issueFolder(desk.root, id);
    streamEvents(request, reply, (send) => {
      const running = desk.builds.current(id);
      send('hello', { running: Boolean(running) });
      for (const event of running?.events ?? []) send(event.type, event);
      return desk.builds.watch(id, (event) => send(event.type, event));
    });
  });

  app.get('/issues/:id/pages/:page', async (request, reply) => {
    const { id, page } = pageParams.parse(request.params);
    const { size, pdf } = pageQuery.parse(request.query);
    const file = issueFile(desk.root, id, pdf).path;
    return reply
      .type('image/png')
      .header('cache-control', 'no-cache')
      .send(await pageImage(desk.root, id, file, page, size));
  });

  app.get('/issues/:id/files/:name', async (request, reply) => {
    const { id, name } = fileParams.parse(request.params);
    const file = issueFile(desk.root, id, name);
    const info = await stat(file.path).catch(() => undefined);
    if (!info) throw new UserError('input', `还没有这个文件（${file.download}）：先排版`);
    return reply
      .type(file.type)
      .header('content-length', info.size)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.download)}`)
      .send(createReadStream(file.path));
  });

  app.get('/issues/:id/press', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    const preflight = await readPreflight(desk.root, id);
    const record = await readBuildRecord(desk.root, id);
    const running = desk.builds.current(id);
    if (wantsJson(request)) return reply.send({ preflight, running: Boolean(running) });
    const failedLast = lastFailureOf(record, 'press');
    return reply.type('text/html; charset=utf-8').send(
      renderView('press', {
        title: `${id} 付印`,
        issueId: id,
        tab: 'press',
        preflight: preflight && {
          at: preflight.at,
          reports: preflight.reports.map((report) => ({
            ...report,
            label: report.file.endsWith('-cover-press.pdf') ? '付印封面' : '付印内文',
            file: report.file.replace(/^.*[/\\]/, ''),
            checks: report.checks.map((check) => ({ ...check, label: preflightNames[check.name] ?? check.name })),
          })),
        },
        passed: preflight?.reports.every((report) => report.pass),
        running: running && { kind: buildKindNames[running.kind] },
        failedLast,
        // The printer takes the files; the press build is the staff's (the server refuses it to others anyway).
        mayPress: mayUse(currentActor()?.role ?? 'editor', 'POST /issues/:id/press', request),
        downloads: await existingDownloads(desk.root, id, ['press', 'cover-press']),
      }),
    );
  });

  app.post('/issues/:id/press', async (request, reply) => {
    const { id } = issueParams.parse(request.params);
    issueFolder(desk.root, id);
    const { joined } = startPress(desk.builds, buildOptions(id));
    return sendDone(request, reply, `/issues/${encodeURIComponent(id)}/press`, { joined });
  });
}

/** The preflight's checks as the office names them (the details stay as the library writes them). */
const preflightNames: Record<string, string> = {
  'page boxes': '页面框（裁切、出血）',
  'page count': '页数',
  fonts: '字体',
  'black on K only': '黑色只在 K 版',
  'colour spaces': '色彩空间',
  transparency: '透明',
  images: '图片',
  'PDF/X': 'PDF/X 声明',
  structure: '文件结构',
};

async function existingDownloads(root: string, issueId: string, names: string[]) {
  const labels: Record<string, string> = {
    interior: '内文 PDF',
    cover: '封面 PDF',
    check: '版面检查 JSON',
    press: '付印内文 PDF/X-1a',
    'cover-press': '付印封面 PDF/X-1a',
  };
  const found = await Promise.all(
    names.map(async (name) => {
      const file = issueFile(root, issueId, name);
      const info = await stat(file.path).catch(() => undefined);
      return info && { name, label: labels[name] ?? name, at: info.mtime.toISOString(), size: `${(info.size / 1024 / 1024).toFixed(1)} MB` };
    }),
  );
  return found.filter(Boolean);
}
