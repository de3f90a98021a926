/**
 * What the render stage hands to the browser stages: one HTML document and the files it loads. Shared by render,
 * fonts, paginate, cover and watch, so it lives with none of them.
 */

export interface Asset {
  body: Buffer | string;
  contentType: string;
}

export interface IssueDocument {
  html: string;
  /** Files the page loads, by path below the document's origin. */
  assets: Map<string, Asset>;
  /** Problems that did not stop the build (remote images left out), for the report. */
  warnings: string[];
}
