/**
 * The import row of `npm run bench`: import-manuscript as a new process (Node start and imports included) turning
 * 18 manuscripts of 2024-4's size into a new issue. The manuscripts are written beforehand with the docx package
 * from 2024-4's articles: title, authors and every paragraph, heading, table row and note as a paragraph.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { makePlainManuscript } from '../test/helpers/makeManuscript.js';

const repository = join(import.meta.dirname, '..');

export interface ImportMeasure {
  seconds: number;
  /** CPU time of the process (user + system): the wall time on an idle machine, whatever else shares the cores. */
  cpuSeconds: number;
}

/** Each run of `import-manuscript <new issue> <18 files>`. */
export async function benchImport(work: string, runs: number): Promise<ImportMeasure[]> {
  const folder = mkdtempSync(join(work, 'manuscripts-'));
  const source = join(repository, 'issues', '2024-4');
  const files: string[] = [];
  for (const name of readdirSync(source).filter((file) => /^\d+-.*\.md$/.test(file))) {
    const [, frontMatter, body] = readFileSync(join(source, name), 'utf8').split(/^---$/m);
    const { title, authors = [] } = parse(frontMatter) as { title: string; authors?: string[] };
    const paragraphs = body
      .split(/\n+/)
      .map((line) => line.replace(/^#+ |^\[\^\d+\]: |^Table: |\*\*|\|/g, ' ').trim())
      .filter((line) => line !== '' && !/^[- ]+$/.test(line));
    const file = join(folder, name.replace(/\.md$/, '.docx'));
    writeFileSync(file, await makePlainManuscript(title, authors.join('　'), paragraphs));
    files.push(file);
  }
  const measures: ImportMeasure[] = [];
  for (let run = 0; run < runs; run++) {
    const root = join(work, `import-${run}`);
    mkdirSync(root);
    copyFileSync(join(repository, 'periodical.yaml'), join(root, 'periodical.yaml'));
    const command = [process.execPath, join(repository, 'bin', 'import-manuscript.js'), '2025-1', ...files, '--section', '理论与实践', '--root', root];
    const started = performance.now();
    // bash's `times` prints the CPU time of the shell's finished children: user and system.
    const { stdout } = await promisify(execFile)('bash', ['-c', '"$@" >/dev/null 2>&1 || exit 1; times', 'bash', ...command]);
    const seconds = (performance.now() - started) / 1000;
    const [user, system] = [
      ...stdout
        .trim()
        .split('\n')[1]
        .matchAll(/(\d+)m([\d.]+)s/g),
    ].map((match) => Number(match[1]) * 60 + Number(match[2]));
    measures.push({ seconds, cpuSeconds: user + system });
  }
  return measures;
}
