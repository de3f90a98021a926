/**
 * Watches exactly the files and folders the last build read (prepareIssue's `inputs`), re-aimed after every
 * rebuild: a new template, image or font file is watched as soon as a build reads it, and one no longer read is
 * let go. A file is watched through its folder, filtered by name, because editors save by writing a temporary file
 * and renaming it over the old one, which ends a watch on the old file itself. Folders are watched recursively.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export class SourceWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private timer?: NodeJS.Timeout;

  /** `onChange` runs once after a burst of changes (an editor's save is several events). */
  constructor(private readonly onChange: () => void) {}

  /** Watches `inputs` from now on, and nothing else. */
  async watch(inputs: Iterable<string>): Promise<void> {
    const wanted = new Map<string, (name: string | null) => boolean>();
    for (const path of inputs) {
      const isFolder = (await stat(path).catch(() => undefined))?.isDirectory();
      if (isFolder) wanted.set(`${path}\0`, () => true);
      // A file, or a path that does not exist yet (a missing issue.yaml): its folder, for this name only.
      else wanted.set(`${dirname(path)}\0${basename(path)}`, (name) => name === null || name === basename(path));
    }
    for (const [key, watcher] of this.watchers) {
      if (!wanted.has(key)) {
        watcher.close();
        this.watchers.delete(key);
      }
    }
    for (const [key, matches] of wanted) {
      if (this.watchers.has(key)) continue;
      const [path, name] = key.split('\0');
      try {
        const watcher = watch(path, { recursive: name === '' }, (_, changed) => matches(changed) && this.changed());
        watcher.on('error', () => undefined); // a watched folder removed: the next build says what is missing
        this.watchers.set(key, watcher);
      } catch {
        // The folder does not exist (yet): the build that needs it fails and names it; its parent is watched.
      }
    }
  }

  close(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, 150);
  }
}
