/**
 * The parallel build's plan (pure): the articles cut into runs of whole articles of about equal length, and
 * the side (left or right) each run is guessed to start on. A wrong guess costs time, never correctness: the sides
 * are verified after stitching and a run on the wrong side is paginated again (paginateInParallel).
 */

export interface ArticleEstimate {
  id: string;
  /** Characters of the article, the measure of the time its pagination takes. */
  weight: number;
  /** The pages it is expected to fill (from an earlier build, or estimated from its length). */
  pages: number;
}

export interface Run {
  ids: string[];
  /** Whether its first article is guessed to start on a right (odd-numbered) page. */
  onRight: boolean;
}

/**
 * Contiguous runs, at most `jobs`, none empty, balanced by weight; the first also holds the front pages (imprint,
 * contents), which weigh `frontWeight` and fill `frontPages`.
 */
export function splitIntoRuns(articles: ArticleEstimate[], jobs: number, front: { weight: number; pages: number }): Run[] {
  const count = Math.max(1, Math.min(jobs, articles.length));
  const total = front.weight + articles.reduce((sum, article) => sum + article.weight, 0);
  const runs: ArticleEstimate[][] = [[]];
  let done = front.weight;
  articles.forEach((article, index) => {
    const current = runs[runs.length - 1];
    // Cut before this article when the runs so far have their share, as long as every later run gets an article.
    const share = (total * runs.length) / count;
    const cutHere = current.length > 0 && runs.length < count && done + article.weight / 2 > share;
    const mustCut = current.length > 0 && articles.length - index === count - runs.length;
    if (cutHere || mustCut) runs.push([]);
    runs[runs.length - 1].push(article);
    done += article.weight;
  });
  let pagesBefore = front.pages;
  return runs.map((run) => {
    // Page 1 is a right page: an even number of pages before a run puts it on a right page.
    const onRight = pagesBefore % 2 === 0;
    pagesBefore += run.reduce((sum, article) => sum + article.pages, 0);
    return { ids: run.map((article) => article.id), onRight };
  });
}

/** Pages an article of `characters` characters is expected to fill, from the grid's capacity of a page. */
export function estimatePages(characters: number, charactersPerPage: number): number {
  // Headings, paragraph ends, figures and the article's head leave about a fifth of a page's grid empty.
  return Math.max(1, Math.ceil(characters / (charactersPerPage * 0.8)));
}
