/**
 * What a trial pagination must reach to be kept, as data: a trial is laid out and judged in the trial frame
 * (trialFrame.ts), by that document's own copy of these judges, and only its verdict and kept pages come back.
 */
import { type MendGoal, meetsMendGoal } from '../columns/mendColumns.js';
import { type FloatGoal, meetsFloatGoal } from './floatColumnFigures.js';

/** A trial's goal: 缩行's (columns/mendColumns.ts) or a floated figure's (floatColumnFigures.ts). */
export type TrialGoal = MendGoal | FloatGoal;

/** A trial's pages (kept or not), and the article as it laid it out (its elements carry the pages' data-ref). */
export interface Trial {
  kept: boolean;
  pages: HTMLElement[];
  laidOut: HTMLElement;
}

/** Whether a trial's pages meet its goal. */
export const meetsGoal = (pages: HTMLElement[], goal: TrialGoal) => (goal.kind === 'mend' ? meetsMendGoal(pages, goal) : meetsFloatGoal(pages, goal));
