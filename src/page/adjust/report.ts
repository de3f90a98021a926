/** What the line adjustment and the column filling did in this page, counted by kind and timed. */
import type { AdjustReport } from '../api.js';

export const report: AdjustReport = {
  seconds: 0,
  columnSeconds: 0,
  paragraphs: 0,
  trials: 0,
  counts: {
    'halt-end': 0,
    'halt-line': 0,
    'no-autospace': 0,
    'break-formula': 0,
    'break-address': 0,
    hyphenate: 0,
    tracking: 0,
    'loosen-above': 0,
    greedy: 0,
    tighten: 0,
  },
};

/** What the line adjustment and the column filling did so far in this page. */
export function adjustReport(): AdjustReport {
  return report;
}
