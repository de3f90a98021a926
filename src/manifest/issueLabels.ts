import type { IssueManifest } from './schemas.js';

/** How the issue is named in print, stated once for the pages, the cover and the PDF's metadata. */
export function issueLabels(manifest: IssueManifest) {
  return {
    /** "2024·4": running heads, masthead, spine, keywords. */
    short: `${manifest.year}·${manifest.number}`,
    /** "2024年第4期": the cover and the document title. */
    long: `${manifest.year}年第${manifest.number}期`,
    /** "总第39期", or empty when the manifest has no cumulative number. */
    cumulative: manifest.cumulative ? `总第${manifest.cumulative}期` : '',
  };
}
