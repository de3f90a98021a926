/**
 * 收稿: uploaded manuscripts into a section, each through import-manuscript's own library (importManuscripts) on
 * its own, so a refused file is named with its reason and the others still import. Uploads are staged in a
 * private temporary folder (never in the project) and removed after the import; a file refused only for its tracked
 * changes stays staged under a token, so the editor can accept them with one click.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportReport } from '../import/buildImportReport.js';
import { importManuscripts } from '../import/importManuscripts.js';
import type { Reporter } from '../Reporter.js';
import { UserError } from '../UserError.js';
import { checkManuscript } from './checkUpload.js';
import { issueFolder } from './issueFolder.js';
import { recordChange } from './recordChange.js';
import { serialiseWrites } from './serialiseWrites.js';

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

export interface ImportOutcome {
  file: string;
  /** The report of this manuscript, as import-manuscript writes it. */
  report?: ImportReport['manuscripts'][number];
  /** Why the file was refused. */
  error?: string;
  /** Refused for tracked changes: accept them with this token. */
  acceptToken?: string;
}

const quiet: Reporter = { stage: () => undefined, progress: () => undefined, warn: () => undefined };

export class ManuscriptInbox {
  private readonly staged = new Map<string, { issueId: string; section: string; path: string; name: string }>();
  private folder?: Promise<string>;

  constructor(private readonly root: string) {}

  /** Imports every file into `section` of the issue, one by one; commits what was imported. */
  async importFiles(issueId: string, section: string, files: UploadedFile[]): Promise<ImportOutcome[]> {
    issueFolder(this.root, issueId);
    const outcomes: ImportOutcome[] = [];
    for (const file of files) {
      let checked: Awaited<ReturnType<typeof checkManuscript>>;
      try {
        checked = await checkManuscript(file.name, file.bytes);
      } catch (error) {
        outcomes.push({ file: file.name, error: messageOf(error) });
        continue;
      }
      const path = await this.stage(checked.name, checked.bytes);
      const outcome = await this.importOne(issueId, section, file.name, path, false);
      if (outcome.error && checked.trackedChanges) {
        const token = randomUUID();
        this.staged.set(token, { issueId, section, path, name: file.name });
        outcome.acceptToken = token;
      } else await rm(path, { force: true });
      outcomes.push(outcome);
    }
    return outcomes;
  }

  /** The staged manuscript of `token` imported again with its tracked changes accepted. */
  async acceptChanges(issueId: string, token: string): Promise<ImportOutcome> {
    const staged = this.staged.get(token);
    if (!staged || staged.issueId !== issueId) throw new UserError('input', '这份稿件已不在暂存区（已导入，或服务已重启）：请重新上传');
    const outcome = await this.importOne(issueId, staged.section, staged.name, staged.path, true);
    if (!outcome.error) {
      this.staged.delete(token);
      await rm(staged.path, { force: true });
    }
    return outcome;
  }

  async close(): Promise<void> {
    if (this.folder) await rm(await this.folder, { recursive: true, force: true });
  }

  /** One manuscript imported, in the issue's queue of changes (import-manuscript rewrites issue.yaml). */
  private async importOne(issueId: string, section: string, name: string, path: string, acceptChanges: boolean): Promise<ImportOutcome> {
    try {
      const result = await serialiseWrites(issueId, () =>
        importManuscripts({ root: this.root, issueId, files: [path], section, acceptChanges, cwd: this.root, reporter: quiet }),
      );
      const report = result.report.manuscripts[0];
      report.file = name;
      await recordChange(
        this.root,
        [issueFolder(this.root, issueId)],
        `收稿：${name} → ${report.article}（${section}，“${report.frontMatter.title.value}”${acceptChanges ? '，接受了修订' : ''}）`,
      );
      return { file: name, report };
    } catch (error) {
      return { file: name, error: messageOf(error).replaceAll(path, name) };
    }
  }

  /** Each upload in a folder of its own, so two uploads of one name never meet. */
  private async stage(name: string, bytes: Buffer): Promise<string> {
    this.folder ??= mkdtemp(join(tmpdir(), 'paiban-desk-'));
    const dir = join(await this.folder, randomUUID());
    await mkdir(dir);
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof UserError ? error.message : `内部错误：${(error as Error)?.message ?? error}`;
}
