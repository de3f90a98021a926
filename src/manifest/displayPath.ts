import { isAbsolute, relative } from 'node:path';

/** A path as the user should read it in a message: relative to the working folder when inside it. */
export function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
}
