/** Evaluated on the paginated pages before they are printed: the typography and figure checks, which change nothing. */
import { figureProbe } from '../check/figureProbe.js';
import { textRoles } from '../check/textRoles.js';
import { typographyProbe } from '../check/typographyProbe.js';
import { installPageApi } from '../installPageApi.js';

installPageApi('check', { typographyProbe, textRoles, figureProbe });
