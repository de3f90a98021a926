/**
 * Corrections against the sources as they are now: each edit was placed in the file as it was proofed (the proof
 * map carries that text), and a character diff from that text to today's file says whether the marked text is still
 * there untouched (pending, or applied with --apply), is already corrected (applied: a second run changes nothing),
 * or changed since the proof (a conflict, with why). Files are written atomically, keeping a BOM and CRLF line ends.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffChars } from 'diff';
import { writeOutput } from '../writeOutput.js';

export interface SourceEdit {
  /** The file, relative to the project root, and its text when proofed. */
  path: string;
  proofed: string;
  start: number;
  end: number;
  text: string;
}

export interface EditOutcome {
  status: 'pending' | 'applied' | 'conflict';
  reason?: string;
}

/** Changes next to the marked text this close (UTF-16 units) make it a conflict: the words around it moved. */
const margin = 2;
/** Text each side of an edit compared when deciding whether it was applied before. */
const context = 8;

export async function applyCorrections(root: string, edits: SourceEdit[], write: boolean): Promise<EditOutcome[]> {
  const outcomes: EditOutcome[] = new Array(edits.length);
  const byPath = new Map<string, { edit: SourceEdit; index: number }[]>();
  edits.forEach((edit, index) => {
    byPath.set(edit.path, [...(byPath.get(edit.path) ?? []), { edit, index }]);
  });
  for (const [path, fileEdits] of byPath) {
    const file = await readCurrent(join(root, path));
    if (typeof file === 'string') {
      for (const { index } of fileEdits) outcomes[index] = { status: 'conflict', reason: `${path} ${file}` };
      continue;
    }
    const located = fileEdits.map(({ edit, index }) => ({
      index,
      edit,
      ...locateEdit(
        edit,
        file.text,
        fileEdits.map((other) => other.edit),
      ),
    }));
    const pending = located.filter((item) => item.status === 'pending').sort((a, b) => a.start! - b.start! || a.end! - b.end!);
    for (let position = 1; position < pending.length; position++) {
      const [previous, current] = [pending[position - 1], pending[position]];
      const same = previous.start === current.start && previous.end === current.end && previous.edit.text === current.edit.text;
      // Two proofreaders made the same correction: it is made once, and both report what became of it.
      if (same) Object.assign(current, { status: 'duplicate', original: previous.original ?? previous });
      else if (current.start! < previous.end! || current.start === previous.start)
        Object.assign(current, { status: 'conflict', reason: 'overlaps another correction of the same text' });
    }
    const toApply = pending.filter((item) => item.status === 'pending');
    if (write && toApply.length > 0) {
      let text = file.text;
      for (const item of [...toApply].reverse()) text = text.slice(0, item.start) + item.edit.text + text.slice(item.end);
      await writeOutput(join(root, path), file.restore(text));
    }
    const finalStatus = (item: Located): EditOutcome['status'] =>
      write && item.status === 'pending' ? 'applied' : item.status === 'duplicate' ? finalStatus(item.original!) : item.status;
    for (const item of located) {
      const status = finalStatus(item);
      outcomes[item.index] = item.reason ? { status, reason: item.reason } : { status };
    }
  }
  return outcomes;
}

type Located = { status: 'pending' | 'applied' | 'conflict' | 'duplicate'; start?: number; end?: number; reason?: string; original?: Located };

/** Where `edit` falls in `current`, and whether it is still to do, done, or impossible. */
function locateEdit(edit: SourceEdit, current: string, all: SourceEdit[]): Located {
  if (current === edit.proofed) return { status: 'pending', start: edit.start, end: edit.end };
  const changes = diffChars(edit.proofed, current, { timeout: 2000 });
  if (!changes) return { status: 'conflict', reason: 'the file changed too much since the proof to find the marked text' };
  const hunks = hunksOf(changes);
  const touches = (from: number, to: number) =>
    hunks.some((hunk) => hunk.proofedStart < to && from < hunk.proofedEnd) ||
    hunks.some((hunk) => hunk.proofedStart === hunk.proofedEnd && from < hunk.proofedStart && hunk.proofedStart < to);
  if (!touches(edit.start - margin, edit.end + margin)) {
    const start = mapOffset(hunks, edit.start, 'before');
    return { status: 'pending', start, end: start + edit.end - edit.start };
  }
  // Already corrected: today's text around the place reads as the proofed text with this edit (and its neighbours) made.
  const [from, to] = [Math.max(0, edit.start - context), Math.min(edit.proofed.length, edit.end + context)];
  const window = current.slice(mapOffset(hunks, from, 'before'), mapOffset(hunks, to, 'after'));
  const neighbours = all.filter((other) => other.proofed === edit.proofed && other.start >= from && other.end <= to);
  if ([[edit], neighbours].some((made) => window === applyWithin(edit.proofed, from, to, made))) return { status: 'applied' };
  return { status: 'conflict', reason: conflictReason(edit, current, mapOffset(hunks, edit.start, 'before')) };
}

function conflictReason(edit: SourceEdit, current: string, near: number): string {
  const marked = edit.proofed.slice(edit.start, edit.end);
  if (!marked) return 'the text around the insertion point changed since the proof';
  const vicinity = current.slice(Math.max(0, near - 40), near + marked.length + 40);
  const count = vicinity.split(marked).length - 1;
  if (count === 0) return `the marked text “${marked}” is no longer there (the source changed since the proof)`;
  if (count > 1) return `the marked text “${marked}” is there ${count} times nearby: apply it by hand`;
  return `the source around “${marked}” changed since the proof`;
}

/** The proofed text from `from` to `to` with some edits made. */
function applyWithin(proofed: string, from: number, to: number, edits: SourceEdit[]): string {
  let text = proofed.slice(from, to);
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start - from) + edit.text + text.slice(edit.end - from);
  return text;
}

interface Hunk {
  proofedStart: number;
  proofedEnd: number;
  currentStart: number;
  currentEnd: number;
}

/** The changed stretches of a diff, in both texts' offsets. */
function hunksOf(changes: { value: string; added: boolean; removed: boolean }[]): Hunk[] {
  const hunks: Hunk[] = [];
  let [proofed, current] = [0, 0];
  for (const change of changes) {
    const last = hunks.at(-1);
    if (!change.added && !change.removed) {
      proofed += change.value.length;
      current += change.value.length;
      continue;
    }
    const hunk =
      last && last.proofedEnd === proofed && last.currentEnd === current
        ? last
        : { proofedStart: proofed, proofedEnd: proofed, currentStart: current, currentEnd: current };
    if (hunk !== last) hunks.push(hunk);
    if (change.removed) proofed = hunk.proofedEnd = proofed + change.value.length;
    else current = hunk.currentEnd = current + change.value.length;
  }
  return hunks;
}

/** A proofed offset in today's text; inside a changed stretch, its start ('before') or its end ('after'). */
function mapOffset(hunks: Hunk[], offset: number, side: 'before' | 'after'): number {
  let shift = 0;
  for (const hunk of hunks) {
    if (offset < hunk.proofedStart || (offset === hunk.proofedStart && side === 'before')) break;
    if (offset < hunk.proofedEnd || (offset === hunk.proofedEnd && hunk.proofedStart === hunk.proofedEnd && side === 'before'))
      return side === 'before' ? hunk.currentStart : hunk.currentEnd;
    shift = hunk.currentEnd - hunk.proofedEnd;
  }
  return offset + shift;
}

/** Today's file, normalised as the proof read it (no BOM, LF), with a way back to its own form; or why it cannot be read. */
async function readCurrent(path: string): Promise<{ text: string; restore: (text: string) => string } | string> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await readFile(path));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no longer exists' : `cannot be read as UTF-8 (${(error as Error).message})`;
  }
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const crlf = text.includes('\r\n');
  return { text: text.slice(bom.length).replace(/\r\n?/g, '\n'), restore: (edited) => bom + (crlf ? edited.replace(/\n/g, '\r\n') : edited) };
}
