/**
 * The document's own script (lib/page/paginate.js, loaded after Paged.js's; `paginate.js?adjust` with
 * typesetting.adjust): Paged.js's handlers registered in the order they run, then the pagination offered to Node.
 */
import { installPageApi } from '../installPageApi.js';
import { ProgressHandler } from '../paginate/handlers/progress.js';
import { RunningHeadStrings } from '../paginate/handlers/runningHeadStrings.js';
import { SoftHyphenBreaks } from '../paginate/handlers/softHyphenBreaks.js';
import { adjustReport, paginate, paginateTrial, repaginate } from '../paginate/pagedRuntime.js';
import { paginateRun, stitch } from '../paginate/parallelRuns.js';
import { Paged } from '../paginate/pagedjs.js';
import { WideFigureFloats } from '../paginate/placeWideFigures.js';
import { installTrials } from '../paginate/trialFrame.js';

Paged.registerHandlers(WideFigureFloats);
Paged.registerHandlers(ProgressHandler, RunningHeadStrings, SoftHyphenBreaks);

installPageApi('paginate', { paginate, repaginate, paginateRun, stitch, adjustReport });
installTrials(paginateTrial);
