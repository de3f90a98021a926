/** One proofreader's mark as read-proof reports it (dist/<id>-corrections.json), and the report itself. */
import type { ProofLocation } from '../proof/locateInProof.js';

export type CorrectionKind = 'replace' | 'delete' | 'insert' | 'comment';

/**
 * pending: would apply cleanly; applied: in the source (by this run or an earlier one); conflict: see `reason`;
 * undecided: a mark with two readings (`readings`), never applied until someone decides; comment: never applied.
 */
export type CorrectionStatus = 'pending' | 'applied' | 'conflict' | 'undecided' | 'comment';

export interface Correction {
  kind: CorrectionKind;
  /** Line 0 (and column 0) when the mark is on no line of article text: a running head, a page number, a margin. */
  proof: ProofLocation;
  source?: { file: string; line: number; column: number };
  /** The printed text under the mark; for an insertion the text around the caret (‸). */
  marked: string;
  /** The replacement, the insertion, or the comment. */
  text: string;
  /** What was typed into a strike-out read as a deletion (its reason). */
  note?: string;
  /** An undecided mark's two readings: delete the marked text, or replace it by what was typed into the mark. */
  readings?: { kind: 'delete' | 'replace'; text: string }[];
  /** The reading an editor chose for an undecided mark (its index in `readings`): the mark is then that edit, accepted. */
  chosen?: number;
  /** For a mark on generated text (the contents, a running head): the front-matter field it was printed from. */
  field?: { file: string; key: string };
  author: string;
  /** ISO 8601, from the annotation's /M or /CreationDate; null when the reader wrote neither (pdf.js). */
  date: string | null;
  status: CorrectionStatus;
  /** Why a correction is a conflict, is undecided (and what to do), or why a mark became a comment. */
  reason?: string;
  /** Where the mark was read: the PDF and the annotation's subtype (and object, when it has one). */
  from: { pdf: string; subtype: string; object?: string };
}

export interface CorrectionsReport {
  issue: string;
  /** The proofs read: file, round, slug, revision. */
  proofs: {
    pdf: string;
    round: number;
    slug: string;
    revision: string | null;
    dirty: boolean;
    marks: number;
    /** Annotations not read as marks, with why ("1 hidden (/F 2: …)"); present only when there are any. */
    skipped?: string[];
  }[];
  /** byStatus counts `undecided` only when there are any: reports without them keep the shape scripts know. */
  counts: { byKind: Record<CorrectionKind, number>; byStatus: Record<Exclude<CorrectionStatus, 'undecided'>, number> & { undecided?: number } };
  /** Corrections grouped by article in issue order; marks on no article text are under file "". */
  articles: { file: string; title: string; corrections: Correction[] }[];
  /** A one-line summary, e.g. "no marks in the proof" or "12 marks: 1 undecided, 3 applied, 1 conflict, 7 comment". */
  summary: string;
}
