/**
 * The print shop's preflight checks (src/preflight/), in the order the table prints them: the name used in
 * periodical.yaml's `checks.off`, the column title, and what a pass means.
 */
export const preflightRules = {
  'page-boxes': { title: 'page boxes', description: 'TrimBox and BleedBox on every page, as the periodical declares trim and bleed' },
  'page-count': { title: 'page count', description: 'pages in a multiple of 4 for saddle stitching' },
  fonts: { title: 'fonts', description: 'every font embedded and subset, CID TrueType, no Type 3, only the declared faces' },
  'black-on-k': { title: 'black on K only', description: 'black text and rules on the black plate only (no rich black)' },
  'colour-spaces': { title: 'colour spaces', description: 'no RGB: CMYK, grey and the declared theme colours only' },
  transparency: { title: 'transparency', description: 'no transparency (PDF/X-1a forbids it)' },
  images: { title: 'images', description: 'every image at 300 ppi or more at its printed size' },
  'pdf-x': { title: 'PDF/X', description: 'the PDF/X-1a:2001 declaration with an OutputIntent and its ICC profile' },
  structure: { title: 'structure', description: 'qpdf --check finds no damage in the file' },
} as const;

export type PreflightRule = keyof typeof preflightRules;
