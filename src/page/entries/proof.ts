/** Evaluated on the printed pages for the proof: its lines measured, then its overlays added. */
import { installPageApi } from '../installPageApi.js';
import { decorateProof } from '../proof/decorateProof.js';
import { measureLines } from '../proof/measureLines.js';

installPageApi('proof', { measureLines, decorateProof });
