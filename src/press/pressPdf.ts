import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentTitle } from '../finish/setDocumentInfo.js';
import type { Issue } from '../manifest/loadIssue.js';
import { convertToPdfX } from './convertToPdfX.js';
import { themeColours } from '../manifest/themeColours.js';

/** The PDF/X-1a:2001 version of a finished PDF of the issue, converted in a temporary folder (data in, data out). */
export async function pressPdf(issue: Issue, pdf: Uint8Array, part: string, signal: AbortSignal): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tmpdir(), 'paiban-press-'));
  try {
    await writeFile(join(folder, 'in.pdf'), pdf);
    await convertToPdfX(join(folder, 'in.pdf'), join(folder, 'out.pdf'), {
      title: documentTitle(issue, part),
      iccProfile: issue.periodical.press.iccProfile,
      outputCondition: issue.periodical.press.outputCondition,
      spotColours: themeColours(issue.periodical.colours),
      date: new Date(`${issue.manifest.date}T00:00:00Z`),
      signal,
    });
    return await readFile(join(folder, 'out.pdf'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
