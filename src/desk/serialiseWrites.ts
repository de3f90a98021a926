/**
 * The desk's edits of an issue's sources run one after another: each reads the file, changes it and writes it back
 * atomically, so two people's edits in the same second never interleave (the later one reads the earlier one's result).
 */
let queue: Promise<unknown> = Promise.resolve();

export function serialiseWrites<T>(change: () => Promise<T>): Promise<T> {
  const next = queue.then(change);
  queue = next.catch(() => undefined);
  return next;
}
