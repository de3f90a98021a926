import { expect, it } from 'vitest';
import { estimatePages, splitIntoRuns } from '../src/paginate/splitIntoRuns.js';

const article = (id: string, weight: number, pages: number) => ({ id, weight, pages });

it('cuts the articles into contiguous runs of about equal weight, the front pages counted in the first', () => {
  const articles = [article('a', 100, 1), article('b', 300, 3), article('c', 100, 1), article('d', 100, 2), article('e', 200, 2)];
  const runs = splitIntoRuns(articles, 2, { weight: 100, pages: 2 });
  expect(runs.map((run) => run.ids)).toEqual([
    ['a', 'b'],
    ['c', 'd', 'e'],
  ]);
  // Page 1 is a right page: 2 front pages put 'a' on page 3 (right); 2 + 1 + 3 = 6 pages put 'c' on page 7 (right).
  expect(runs.map((run) => run.onRight)).toEqual([true, true]);
  expect(splitIntoRuns(articles, 2, { weight: 100, pages: 1 }).map((run) => run.onRight)).toEqual([false, false]);
});

it('gives every run an article: never more runs than articles, and a heavy first article leaves the rest to the others', () => {
  expect(splitIntoRuns([article('a', 10, 1), article('b', 10, 1)], 4, { weight: 0, pages: 2 }).map((run) => run.ids)).toEqual([['a'], ['b']]);
  const heavyFirst = splitIntoRuns([article('a', 1000, 9), article('b', 10, 1), article('c', 10, 1)], 3, { weight: 0, pages: 2 });
  expect(heavyFirst.map((run) => run.ids)).toEqual([['a'], ['b'], ['c']]);
  expect(splitIntoRuns([article('a', 10, 1)], 1, { weight: 0, pages: 2 })).toEqual([{ ids: ['a'], onRight: true }]);
});

it('estimates at least a page, more as the text outgrows a page of the grid', () => {
  expect(estimatePages(0, 1000)).toBe(1);
  expect(estimatePages(800, 1000)).toBe(1);
  expect(estimatePages(801, 1000)).toBe(2);
});
