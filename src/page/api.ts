/**
 * What the page offers Node: one contract for the code that runs inside the page (src/page/, bundled by esbuild into
 * one script per moment the page is entered, lib/page/<moment>.js) and for Node, which imports these types only and
 * calls the page through src/chromium/callPage.ts. Each moment's entry installs its part (installPageApi): a field
 * removed from a producer fails `npm run typecheck`.
 *
 * Everything here crosses the page boundary as JSON: plain data, no DOM.
 */

/** An article's text before and after pagination, for the check that nothing was lost (src/paginate/checkPagedText.ts). */
export interface PagedTextReport {
  id: string;
  file: string;
  text: string;
  paged: string;
  pages: number[];
  figures: string[];
  pagedFigures: string[];
}

export interface PagedLayout {
  pageCount: number;
  articleStartPages: Record<string, number>;
  text: PagedTextReport[];
  /** Asset paths of images Chromium could not decode. */
  brokenImages: string[];
  /** The articles (by id) this run laid out: all of them, or after an edit in --watch those it changed. */
  paginatedArticles: string[];
}

/** A parallel build's run as a worker tab laid it out: its pages' markup and the rules Paged.js made for them. */
export interface RunPages {
  pages: string[];
  rules: string[];
}

/** The line adjustment's kinds of change, each marked on its element as `data-adjust`. */
export type AdjustKind =
  | 'halt-end'
  | 'halt-line'
  | 'no-autospace'
  | 'break-formula'
  | 'break-address'
  | 'hyphenate'
  | 'tracking'
  | 'loosen-above'
  | 'greedy'
  | 'tighten';

/** What the line adjustment did: `seconds` its pass before pagination, `columnSeconds` the column filling's. */
export interface AdjustReport {
  seconds: number;
  columnSeconds: number;
  paragraphs: number;
  trials: number;
  counts: Record<AdjustKind, number>;
}

/** A finding of a layout rule as the page reports it (`rule` is a name of src/rules/typographyRules.ts). */
export interface PageFinding {
  rule: string;
  /** 1-based page of the paginated issue. */
  page: number;
  /** 1-based column of the article body, or null outside the columns (headers, tables across them). */
  column: number | null;
  /** The article's file as shown in messages, or null for the front pages. */
  article: string | null;
  /** Line in the article's file of the block the finding is in. */
  line: number | null;
  /** The offending line of text (at most 30 characters). */
  excerpt: string;
  detail?: string;
}

/** The most a justified line was spread (em), and how many lines were spread by more than 1 em. */
export interface Stretch {
  worst: number;
  overOneEm: number;
}

export interface TypographyProbe {
  findings: PageFinding[];
  stretch: Stretch;
  /** The adjustments on the pages (data-adjust), by kind. */
  adjustments: Record<string, number>;
}

/** A text node of the pages with the font role its CSS names first. */
export interface TextRole {
  text: string;
  /** First family of the computed font-family, e.g. "paiban-song". */
  role: string;
  bold: boolean;
  page: number;
  article: string | null;
  line: number | null;
}

export interface PlacedPicture {
  /** The file as the article names it. */
  src: string;
  page: number;
  article: string | null;
  line: number | null;
  pixels: [number, number];
  placedMm: [number, number];
  ppi: number;
}

export interface FigureProbe {
  pictures: PlacedPicture[];
  findings: PageFinding[];
}

/** The piece of a source block a visual line shows: article file, file line, offset and length in the block's text. */
export interface BlockPart {
  file: string;
  line: number;
  start: number;
  length: number;
}

export interface VisualLine {
  page: number;
  /** 1-based column of the body; 0 for the article head (title, authors), which spans the columns. */
  column: number;
  /** Line number within its column, from 1 at the top. */
  number: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** The line's characters, whitespace removed. */
  text: string;
  /** The pieces of source blocks the line shows, in order. */
  parts: BlockPart[];
  /** The horizontal middle of each glyph (code point) of `text`, from the page's left edge: read-proof's glyph positions. */
  x: number[];
}

export interface ProofDecoration {
  lines: VisualLine[];
  slug: string;
  /** Number every line (1) or every fifth (5). */
  lineStep: number;
  watermark: string;
  changed: Array<{ page: number; column: number; number: number }>;
}

/** The page's offer, by the moment it is entered. */
export interface PageApi {
  /** The document's own script (lib/page/paginate.js): pagination with Paged.js, the line adjustment, 拉行 and 缩行. */
  paginate: {
    /** Paginates the whole document; with `only`, the other articles are emptied first (a parallel build's first run). */
    paginate(only?: string[]): Promise<PagedLayout>;
    /** Paginates again the articles of `html` that changed (--watch); undefined when more than articles changed. */
    repaginate(html: string): Promise<PagedLayout | undefined>;
    /** A parallel build's worker: only the given articles, the first on the given side. */
    paginateRun(ids: string[], onRight: boolean): Promise<RunPages>;
    /** Puts the worker tabs' runs in place of their articles' pages. */
    stitch(runs: Array<RunPages & { ids: string[] }>): PagedLayout;
    /** The line adjustment's report; undefined when typesetting.adjust is off. */
    adjustReport(): AdjustReport | undefined;
  };
  /** Evaluated after pagination: the typography and figure checks. Nothing changes the document. */
  check: {
    typographyProbe(): TypographyProbe;
    textRoles(): TextRole[];
    figureProbe(): FigureProbe;
  };
  /** Evaluated after printing: the proof's lines and overlays. */
  proof: {
    measureLines(): VisualLine[];
    decorateProof(options: ProofDecoration): void;
  };
}

export type PageMoment = keyof PageApi;

declare global {
  interface Window {
    /** The page's offer, each moment's part installed by its script. */
    paiban?: Partial<PageApi>;
    /** Node's progress callback (page.exposeFunction), told each page Paged.js lays out. */
    __paibanPageDone?: (pageNumber: number) => void;
  }
}
