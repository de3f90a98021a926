/** --watch's file watching: exactly the files the last build read, re-aimed after each build; saves by rename seen. */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { prepareIssue } from '../src/prepareIssue.js';
import { SourceWatcher } from '../src/watch/SourceWatcher.js';
import { editFile, makeTempProject } from './helpers/tempProject.js';

let folder: string;
let changes = 0;
let watcher: SourceWatcher;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'paiban-watch-'));
  mkdirSync(join(folder, 'templates'));
  for (const file of ['a.md', 'b.md', 'templates/issue.hbs']) writeFileSync(join(folder, file), 'x');
  changes = 0;
  watcher = new SourceWatcher(() => changes++);
});
afterEach(() => {
  watcher.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Waits well past the watcher's 150 ms burst delay and returns how many rebuilds were asked for since the last call. */
async function settle(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 600));
  const seen = changes;
  changes = 0;
  return seen;
}

it('sees a file saved by writing a temporary file and renaming it over the old one', async () => {
  await watcher.watch([join(folder, 'a.md')]);
  writeFileSync(join(folder, '.a.md.swp'), 'y');
  renameSync(join(folder, '.a.md.swp'), join(folder, 'a.md'));
  writeFileSync(join(folder, 'a.md'), 'z');
  expect(await settle()).toBeGreaterThanOrEqual(1); // once per burst, unless a loaded machine spreads the events
  // The file's folder is watched, but only for the files read: a neighbour that no build read is not a change.
  writeFileSync(join(folder, 'b.md'), 'y');
  expect(await settle()).toBe(0);
});

it('watches folders recursively, and lets go of what the last build no longer read', async () => {
  await watcher.watch([join(folder, 'a.md'), join(folder, 'templates')]);
  writeFileSync(join(folder, 'templates', 'new.hbs'), 'y');
  expect(await settle()).toBe(1);
  await watcher.watch([join(folder, 'b.md')]);
  writeFileSync(join(folder, 'a.md'), 'y');
  writeFileSync(join(folder, 'templates', 'issue.hbs'), 'y');
  expect(await settle()).toBe(0);
  writeFileSync(join(folder, 'b.md'), 'y');
  expect(await settle()).toBe(1);
});

it('watches a file that does not exist yet, so that creating it starts a build', async () => {
  await watcher.watch([join(folder, 'issue.yaml')]);
  writeFileSync(join(folder, 'issue.yaml'), 'year: 2025');
  expect(await settle()).toBe(1);
});

it('records what a preparation read, also as far as a failed one got', async () => {
  const root = makeTempProject();
  try {
    const inputs = new Set<string>();
    const { issue, fonts } = await prepareIssue({ root, issueId: 'mini', warn: () => undefined, inputs });
    expect([...inputs]).toEqual(
      expect.arrayContaining([join(root, 'periodical.yaml'), issue.dir, issue.templatesDir, issue.fontsFile, ...fonts.faces.map((face) => face.path)]),
    );
    editFile(root, 'issues/mini/issue.yaml', (text) => `${text}\nvolume: 3\n`);
    const failed = new Set<string>();
    await expect(prepareIssue({ root, issueId: 'mini', warn: () => undefined, inputs: failed })).rejects.toThrow(/unknown key "volume"/);
    expect([...failed]).toEqual([join(root, 'periodical.yaml'), issue.dir]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
