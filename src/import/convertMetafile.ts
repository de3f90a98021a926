/**
 * Windows metafiles (EMF, WMF) are what Word and WPS store for a pasted Visio or OLE drawing; Chromium cannot draw
 * them. They are converted to PNG with Debian's tools, as the print needs them: `emf2svg-conv` (package emf2svg,
 * libemf2svg) or `wmf2svg` (libwmf-bin) to SVG, then `rsvg-convert` (librsvg2-bin) to a PNG on white, its long side
 * about 2000 px (300 dpi over 17 cm). SVG is not kept: its text would be drawn by fonts nobody declared.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type MetafileConversion = { png: Buffer } | { problem: string };

/** The long side of the PNG in pixels, and the largest enlargement of the metafile's own size. */
const targetPixels = 2000;
const maxZoom = 8;

export async function convertMetafile(bytes: Buffer, format: 'emf' | 'wmf'): Promise<MetafileConversion> {
  const dir = await mkdtemp(join(tmpdir(), 'paiban-metafile-'));
  const [input, svg, png] = ['in', 'out.svg', 'out.png'].map((name) => join(dir, name === 'in' ? `in.${format}` : name));
  const toSvg: [string, string[], string] =
    format === 'emf' ? ['emf2svg-conv', ['-p', '-i', input, '-o', svg], 'emf2svg'] : ['wmf2svg', ['-o', svg, input], 'libwmf-bin'];
  try {
    await writeFile(input, bytes);
    const converted = await runTool(...toSvg);
    if (converted) return converted;
    const zoom = zoomFor(await readFile(svg, 'utf8'));
    const rendered = await runTool('rsvg-convert', ['-z', String(zoom), '-b', 'white', '-f', 'png', '-o', png, svg], 'librsvg2-bin');
    if (rendered) return rendered;
    return { png: await readFile(png) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs a conversion tool; a missing tool or a failure becomes the problem to report (undefined when it worked). */
async function runTool(command: string, args: string[], debianPackage: string): Promise<{ problem: string } | undefined> {
  try {
    await run(command, args, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: `${command} is not installed (apt-get install ${debianPackage}, or run scripts/setup.sh)` };
    const stderr = String((error as { stderr?: string }).stderr ?? '')
      .trim()
      .split('\n')[0];
    return { problem: `${command} could not convert it (${stderr || (error as Error).message})` };
  }
}

function zoomFor(svg: string): number {
  const size = (name: string) => Number.parseFloat(new RegExp(`<svg[^>]*\\s${name}="([\\d.]+)`).exec(svg)?.[1] ?? '0');
  const longSide = Math.max(size('width'), size('height'));
  if (!(longSide > 0)) return 1;
  return Math.round(Math.min(maxZoom, Math.max(1, targetPixels / longSide)) * 100) / 100;
}
