/**
 * Page images of a PDF the desk shows (the interior, a proof): one page rendered by poppler's pdftoppm on request,
 * cached beside the desk's records under the PDF's modification time, so a new build never shows old pictures.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '../UserError.js';
import { deskFolder } from './issueFolder.js';

const run = promisify(execFile);

/** Small for the plan and the build's page grid, reading size for one page. */
export const pageSizes = { small: 24, read: 96 } as const;
export type PageSize = keyof typeof pageSizes;

export async function pageImage(root: string, issueId: string, pdf: string, page: number, size: PageSize): Promise<Buffer> {
  const info = await stat(pdf).catch(() => undefined);
  if (!info) throw new UserError('input', '还没有排好的 PDF：先排版');
  const dir = join(deskFolder(root, issueId), 'pages', `${Math.round(info.mtimeMs)}-${size}`);
  const prefix = join(dir, `p${page}`);
  const file = `${prefix}.png`;
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return cached;
  await mkdir(dir, { recursive: true });
  const dpi = String(pageSizes[size]);
  try {
    await run('pdftoppm', ['-f', String(page), '-l', String(page), '-r', dpi, '-png', '-singlefile', pdf, prefix]);
  } catch (error) {
    throw new UserError('input', `第${page}页不存在或无法显示（${(error as Error).message.split('\n')[0]}）`);
  }
  return readFile(file);
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
