/**
 * Page images of a PDF the desk shows (the interior, a proof): rendered by poppler's pdftoppm in batches (a run of
 * pdftoppm parses the whole PDF and its fonts, so one run per page would repeat that for every image), and
 * cached beside the desk's records under the PDF's modification time, so a new build never shows old pictures.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '../UserError.js';
import { deskFolder } from './issueFolder.js';

const run = promisify(execFile);

/** Small for the plan and the article's page strip, reading size for the build's pages. */
export const pageSizes = { small: 24, read: 96 } as const;
export type PageSize = keyof typeof pageSizes;

/** Pages per pdftoppm run (measured on 2024-4: the whole issue in one run is slower to first image than runs of eight). */
const batchSizes: Record<PageSize, number> = { small: 8, read: 8 };
/** Batches being rendered, by folder and first page: a second request for one of their pages waits for the same run. */
const rendering = new Map<string, Promise<void>>();

export async function pageImage(root: string, issueId: string, pdf: string, page: number, size: PageSize): Promise<Buffer> {
  const info = await stat(pdf).catch(() => undefined);
  if (!info) throw new UserError('input', '还没有排好的 PDF：先排版');
  const dir = join(deskFolder(root, issueId), 'pages', `${pdf.replace(/^.*[/\\]/, '').replace(/\.pdf$/, '')}-${Math.round(info.mtimeMs)}-${size}`);
  const file = join(dir, `p-${page}.png`);
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return cached;
  const first = Math.floor((page - 1) / batchSizes[size]) * batchSizes[size] + 1;
  const key = `${dir}:${first}`;
  let batch = rendering.get(key);
  if (!batch) {
    batch = renderBatch(pdf, dir, first, size).finally(() => rendering.delete(key));
    rendering.set(key, batch);
  }
  await batch;
  return readFile(file).catch(() => {
    throw new UserError('input', `第${page}页不存在：这份 PDF 没有这么多页`);
  });
}

async function renderBatch(pdf: string, dir: string, first: number, size: PageSize): Promise<void> {
  await mkdir(dir, { recursive: true });
  const prefix = join(dir, `batch-${first}`);
  try {
    await run('pdftoppm', ['-f', String(first), '-l', String(first + batchSizes[size] - 1), '-r', String(pageSizes[size]), '-png', pdf, prefix]);
  } catch (error) {
    throw new UserError('input', `页面无法显示（${(error as Error).message.split('\n')[0]}）`);
  }
  // pdftoppm numbers its files padded to the width of the page count (batch-1-07.png): named by page here.
  for (const name of await readdir(dir)) {
    const numbered = new RegExp(`^batch-${first}-0*(\\d+)\\.png$`).exec(name);
    if (numbered) await rename(join(dir, name), join(dir, `p-${Number(numbered[1])}.png`));
  }
}

/** The number of pages of a PDF and its first page's size in points (pdfinfo), or undefined when there is none. */
export async function pdfPageInfo(pdf: string): Promise<{ pages: number; size?: { width: number; height: number } } | undefined> {
  try {
    const { stdout } = await run('pdfinfo', [pdf]);
    const size = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(stdout);
    return { pages: Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]), size: size ? { width: Number(size[1]), height: Number(size[2]) } : undefined };
  } catch {
    return undefined;
  }
}
