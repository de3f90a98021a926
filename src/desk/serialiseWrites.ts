/**
 * The desk's changes of an issue run one after another: each reads what it changes (an article, issue.yaml, a
 * round's decisions or marked proofs) and writes it back atomically, so two people's changes in the same second never
 * interleave (the later one reads the earlier one's result) and an apply (核红) never writes over an editor's save.
 * Each issue has its own queue: a long import or apply of one issue does not hold up another.
 */
const queues = new Map<string, Promise<unknown>>();

export function serialiseWrites<T>(issueId: string, change: () => Promise<T>): Promise<T> {
  const next = (queues.get(issueId) ?? Promise.resolve()).then(change);
  const settled = next.catch(() => undefined);
  queues.set(issueId, settled);
  // The map keeps only the queues with something in them.
  settled.then(() => queues.get(issueId) === settled && queues.delete(issueId));
  return next;
}
