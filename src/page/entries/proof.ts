/** Evaluated on the printed pages for the proof: its lines measured, then its overlays added. */
import { installPageApi } from '../installPageApi.js';
import { decorateProof, measureLines } from '../proof/proofOverlay.js';

installPageApi('proof', { measureLines, decorateProof });
