/** Page numbers as ranges, e.g. [1, 2, 3, 7] → "1–3, 7". */
export function describePages(pages: readonly number[]): string {
  const ranges: string[] = [];
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  for (let index = 0; index < sorted.length; index++) {
    const first = sorted[index];
    while (sorted[index + 1] === sorted[index] + 1) index++;
    ranges.push(first === sorted[index] ? `${first}` : `${first}–${sorted[index]}`);
  }
  return ranges.join(', ');
}

/**
 * One failing check's detail and pages from per-page problems: pages with the same problem are named together,
 * e.g. "pages 1–3: TrimBox 595.92 × 808.08 pt, expected 595.28 × 807.87 pt".
 */
export function groupPageProblems(problems: readonly { page: number; problem: string }[]): { detail: string; pages: number[] } {
  const byProblem = new Map<string, number[]>();
  for (const { page, problem } of problems) byProblem.set(problem, [...(byProblem.get(problem) ?? []), page]);
  const detail = [...byProblem].map(([problem, pages]) => `${pages.length === 1 ? 'page' : 'pages'} ${describePages(pages)}: ${problem}`).join('; ');
  return { detail, pages: [...new Set(problems.map(({ page }) => page))].sort((a, b) => a - b) };
}
