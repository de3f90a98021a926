import type { PreflightReport } from './PreflightReport.js';

/**
 * The report as an aligned plain-text table, one check a line:
 *
 *     check          result  detail
 *     page boxes     PASS    4 pages: TrimBox 595.28 × 807.87 pt …
 */
export function formatPreflightTable(report: PreflightReport): string {
  const rows = [['check', 'result', 'detail'], ...report.checks.map((check) => [check.name, check.pass ? 'PASS' : 'FAIL', check.detail])];
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const resultWidth = 'result'.length;
  const failed = report.checks.filter((check) => !check.pass).length;
  const heading = `preflight of ${report.file}: ${report.pass ? 'PASS' : `FAIL (${failed} of ${report.checks.length} checks)`}`;
  return [heading, ...rows.map(([name, result, detail]) => `${name.padEnd(nameWidth)}  ${result.padEnd(resultWidth)}  ${detail}`)].join('\n');
}
