/** One proofreader's mark as read-proof reports it (dist/<id>-corrections.json), and the report itself. */
import type { ProofLocation } from '../proof/locateInProof.js';

export type CorrectionKind = 'replace' | 'delete' | 'insert' | 'comment';

/** pending: would apply cleanly; applied: in the source (by this run or an earlier one); conflict: see `reason`. */
export type CorrectionStatus = 'pending' | 'applied' | 'conflict' | 'comment';

export interface Correction {
  kind: CorrectionKind;
  /** Line 0 (and column 0) when the mark is on no line of article text: a running head, a page number, a margin. */
  proof: ProofLocation;
  source?: { file: string; line: number; column: number };
  /** The printed text under the mark; for an insertion the text around the caret (‸). */
  marked: string;
  /** The replacement, the insertion, or the comment. */
  text: string;
  author: string;
  /** ISO 8601, from the annotation's /M or /CreationDate; null when the reader wrote neither (pdf.js). */
  date: string | null;
  status: CorrectionStatus;
  /** Why a correction is a conflict, or why a mark became a comment. */
  reason?: string;
  /** Where the mark was read: the PDF and the annotation's subtype (and object, when it has one). */
  from: { pdf: string; subtype: string; object?: string };
}

export interface CorrectionsReport {
  issue: string;
  /** The proofs read: file, round, slug, revision. */
  proofs: { pdf: string; round: number; slug: string; revision: string | null; dirty: boolean; marks: number }[];
  counts: { byKind: Record<CorrectionKind, number>; byStatus: Record<CorrectionStatus, number> };
  /** Corrections grouped by article in issue order; marks on no article text are under file "". */
  articles: { file: string; title: string; corrections: Correction[] }[];
  /** A one-line summary, e.g. "no marks in the proof" or "12 marks: 3 applied, 1 conflict, 8 comments". */
  summary: string;
}
