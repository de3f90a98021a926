import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repository = join(import.meta.dirname, '..', '..');
const fixture = join(repository, 'test', 'fixtures', 'mini');

/**
 * A writable copy of the fixture project in a temporary folder, using paiban's own fonts and templates;
 * `periodical` lines are appended to its periodical.yaml.
 */
export function makeTempProject(periodical = ''): string {
  const root = mkdtempSync(join(tmpdir(), 'paiban-project-'));
  cpSync(join(fixture, 'issues'), join(root, 'issues'), { recursive: true });
  const settings = readFileSync(join(fixture, 'periodical.yaml'), 'utf8').replace(/\.\.\/\.\.\/\.\.\//g, `${repository}/`);
  writeFileSync(join(root, 'periodical.yaml'), settings + periodical);
  return root;
}

/** Edits a file of the project in place. */
export function editFile(root: string, path: string, edit: (text: string) => string): void {
  const file = join(root, path);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}
