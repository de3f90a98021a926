/**
 * read-proof's library: marked proofs in, corrections out. Reads every mark of every proof (several proofreaders'
 * copies of one proof at once), places each through the proof's line map, reads what was typed into strike-outs
 * (a deletion's reason, new text, or undecided), checks each edit against today's sources (applying it with
 * `apply`; never an undecided one), and writes dist/<id>-corrections.json and .html.
 */
import { basename, join } from 'node:path';
import { displayPath } from '../manifest/displayPath.js';
import type { ProofMap } from '../proof/buildProofMap.js';
import { writeOutput } from '../writeOutput.js';
import { applyCorrections, type SourceEdit } from './applyCorrections.js';
import type { Correction, CorrectionKind, CorrectionsReport } from './Correction.js';
import { collectGeneratedFields, findGeneratedField } from './findGeneratedField.js';
import { groupMarks, type Mark } from './groupMarks.js';
import { openProof } from './openProof.js';
import { indexLines, placeMark, type Placement } from './placeMark.js';
import { readAnnotations } from './readAnnotations.js';
import { readStrikeOutNote } from './readStrikeOutNote.js';
import { readTextUnder } from './readTextUnder.js';
import { renderCorrectionsHtml } from './renderCorrectionsHtml.js';

export interface ReadProofOptions {
  root: string;
  issueId: string;
  /** The marked proofs. */
  pdfs: string[];
  /** Edit the Markdown sources. */
  apply: boolean;
  /** Which edits to check and apply (the desk's accepted marks); the others are reported pending. Default: all. */
  accept?: (correction: Correction) => boolean;
  /**
   * The reading chosen for an undecided mark (an index in its `readings`), or undefined while nobody has chosen:
   * the mark is then read as that edit, accepted (the desk's corrections table asks the editor).
   */
  choose?: (correction: Correction) => number | undefined;
}

export interface ReadProofResult {
  report: CorrectionsReport;
  written: string[];
}

interface PlacedMark {
  mark: Mark;
  placement: Placement;
  map: ProofMap;
  pdf: string;
  /** The front-matter field a mark on generated text was printed from. */
  field?: Correction['field'];
}

export async function readProof(options: ReadProofOptions): Promise<ReadProofResult> {
  const placed: PlacedMark[] = [];
  const proofs: CorrectionsReport['proofs'] = [];
  const seen = new Set<string>();
  for (const path of options.pdfs) {
    const { document, map, bytes } = await openProof(path, options.issueId);
    try {
      const { annotations, skipped } = await readAnnotations(document, bytes);
      const marks = groupMarks(annotations);
      const lines = indexLines(map);
      const fields = await collectGeneratedFields(map, options.root);
      const pdf = displayPath(path);
      proofs.push({
        pdf,
        round: map.round,
        slug: map.slug,
        revision: map.revision?.commit ?? null,
        dirty: map.revision?.dirty ?? false,
        marks: marks.length,
        ...(skipped.length > 0 ? { skipped } : {}),
      });
      for (const mark of marks) {
        // A later reviewer's copy holds the earlier reviewers' marks too: each mark once.
        const key = JSON.stringify([map.builtAt, mark.kind, mark.page, mark.quads, mark.point, mark.text, mark.author, mark.date]);
        if (seen.has(key)) continue;
        seen.add(key);
        const placement = placeMark(mark, lines);
        if (placement.proof.line === 0 && !placement.marked) placement.marked = await readTextUnder(document, mark.page, markBoxes(mark));
        const field = placement.proof.line === 0 ? findGeneratedField(placement.marked, mark.page, fields) : undefined;
        placed.push({ mark, placement, map, pdf, ...(field ? { field } : {}) });
      }
    } finally {
      await document.destroy();
    }
  }
  const corrections = await reconcile(placed, options);
  const report = buildReport(options.issueId, proofs, placed, corrections);
  const base = join(options.root, 'dist', options.issueId);
  const written = [`${base}-corrections.json`, `${base}-corrections.html`];
  await writeOutput(written[0], `${JSON.stringify(report, null, 2)}\n`);
  await writeOutput(written[1], renderCorrectionsHtml(report));
  return { report, written };
}

/** The boxes a mark covers, for reading the text under it: its quads, or a little square around its point. */
function markBoxes(mark: Mark): [number, number, number, number][] {
  if (mark.quads.length > 0 || !mark.point) return mark.quads;
  const { x, y } = mark.point;
  return [[x - 6, y - 6, x + 6, y + 6]];
}

/** Each mark as a correction, its edit (if any) checked against today's sources and applied on request. */
async function reconcile(placed: PlacedMark[], options: ReadProofOptions): Promise<Correction[]> {
  const edits: SourceEdit[] = [];
  const editOf: (number | undefined)[] = [];
  const corrections = placed.map(({ mark, placement, map, pdf, field }, index): Correction => {
    const file = placement.range && map.files[placement.range.file];
    const source = placement.range && file && { file: displayPath(join(options.root, file.path)), ...lineAndColumn(file.source, placement.range.start) };
    const onText = placement.proof.line > 0;
    const reading = mark.kind === 'delete' ? readStrikeOutNote(mark.note ?? '', placement.marked) : undefined;
    const meant: CorrectionKind = reading?.kind === 'replace' ? 'replace' : mark.kind;
    const kind: CorrectionKind = mark.kind !== 'comment' && !onText ? 'comment' : meant;
    const text = reading?.kind === 'replace' ? reading.text : meant === 'delete' ? '' : mark.text;
    const note = reading?.kind === 'replace' ? undefined : mark.note;
    const correction: Correction = {
      kind,
      proof: placement.proof,
      ...(source ? { source } : {}),
      ...(field ? { field } : {}),
      marked: placement.marked,
      text,
      ...(note ? { note } : {}),
      author: mark.author,
      date: mark.date,
      status: kind === 'comment' ? 'comment' : 'pending',
      from: { pdf: basename(pdf), subtype: mark.subtype, ...(/^\d+R$/.test(mark.id) ? { object: mark.id } : {}) },
    };
    if (kind === 'comment' && mark.kind !== 'comment')
      correction.reason = `${placement.problem ?? 'on no article text'}: a ${meant}, not applied; correct it by hand${field ? ` or in ${field.file} (${field.key})` : ''}`;
    if (reading?.kind === 'undecided' && onText) {
      Object.assign(correction, {
        status: 'undecided',
        readings: [
          { kind: 'delete', text: '' },
          { kind: 'replace', text: reading.replacement },
        ],
        reason: `a strike-out with “${reading.replacement}” typed into it: delete “${placement.marked}” (with that as a note), or replace it by “${reading.replacement}”? Type 删 or 改为… into the mark and read the proof again, or correct the source by hand`,
      } satisfies Partial<Correction>);
      const chosen = options.choose?.(correction);
      const picked = chosen === undefined ? undefined : correction.readings?.[chosen];
      if (!picked) return correction;
      // The editor's reading: that edit, as if the mark had said it (a deletion keeps what was typed as its note).
      Object.assign(correction, { kind: picked.kind, text: picked.text, status: 'pending', chosen });
      delete correction.reason;
      if (picked.kind === 'replace') delete correction.note;
    }
    if (correction.kind !== 'comment') {
      if (placement.range && file) {
        if (options.accept && correction.chosen === undefined && !options.accept(correction)) return correction;
        editOf[index] = edits.length;
        edits.push({ path: file.path, proofed: file.source, start: placement.range.start, end: placement.range.end, text: correction.text });
      } else {
        Object.assign(correction, { status: 'conflict', reason: placement.problem ?? 'no source for the marked text' });
      }
    }
    return correction;
  });
  const outcomes = await applyCorrections(options.root, edits, options.apply);
  corrections.forEach((correction, index) => {
    const edit = editOf[index];
    if (edit === undefined) return;
    const outcome = outcomes[edit];
    correction.status = outcome.status;
    if (outcome.reason) correction.reason = outcome.reason;
  });
  return corrections;
}

function buildReport(issue: string, proofs: CorrectionsReport['proofs'], placed: PlacedMark[], corrections: Correction[]): CorrectionsReport {
  const articles: CorrectionsReport['articles'] = [];
  const articleOf = (path: string, title: string) => {
    const found = articles.find((candidate) => candidate.file === path);
    if (found) return found;
    const article = { file: path, title, corrections: [] as Correction[] };
    articles.push(article);
    return article;
  };
  // Articles in issue order (the map's), then marks on no article text.
  for (const { map } of placed) for (const file of map.files) articleOf(file.path, file.title);
  const order = corrections.map((correction, index) => ({ correction, index, start: placed[index].placement.range?.start ?? 0 }));
  // Undecided marks first: they wait for someone to decide.
  const waiting = (correction: Correction) => (correction.status === 'undecided' ? 0 : 1);
  order.sort(
    (a, b) =>
      waiting(a.correction) - waiting(b.correction) ||
      a.correction.proof.page - b.correction.proof.page ||
      a.correction.proof.column - b.correction.proof.column ||
      a.correction.proof.line - b.correction.proof.line ||
      a.start - b.start,
  );
  for (const { correction, index } of order) {
    const { placement, map } = placed[index];
    const file = placement.range && correction.proof.line > 0 ? map.files[placement.range.file] : undefined;
    articleOf(file?.path ?? '', file?.title ?? '').corrections.push(correction);
  }
  for (const article of articles) if (article.file) article.file = displayPath(article.file);
  const byKind: Record<CorrectionKind, number> = { replace: 0, delete: 0, insert: 0, comment: 0 };
  const byStatus: CorrectionsReport['counts']['byStatus'] = { pending: 0, applied: 0, conflict: 0, comment: 0 };
  for (const correction of corrections) {
    byKind[correction.kind] += 1;
    byStatus[correction.status] = (byStatus[correction.status] ?? 0) + 1;
  }
  const { undecided, ...decided } = byStatus;
  const counted = Object.entries({ undecided, ...decided }).filter(([, count]) => (count ?? 0) > 0);
  const skipped = proofs.flatMap((proof) => (proof.skipped ?? []).map((why) => `${proof.pdf}: ${why}`));
  const summary =
    (corrections.length === 0
      ? `no marks in the proof${proofs.length > 1 ? 's' : ''}`
      : `${corrections.length} mark${corrections.length > 1 ? 's' : ''}: ${counted.map(([status, count]) => `${count} ${status}`).join(', ')}`) +
    (skipped.length > 0 ? `; annotations not read: ${skipped.join('; ')}` : '');
  return { issue, proofs, counts: { byKind, byStatus }, articles: articles.filter((article) => article.corrections.length > 0), summary };
}

/** 1-based line and column (in characters) of an offset. */
function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: Array.from(source.slice(lineStart, offset)).length + 1 };
}
