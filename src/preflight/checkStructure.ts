import type { ToolOutput } from '../press/runTool.js';
import type { PreflightCheck } from './PreflightReport.js';

/** `qpdf --check`: exit 0 clean, 2 errors, 3 warnings (damage that a RIP may repair differently from a viewer). */
export function checkStructure(qpdfCheck: ToolOutput): PreflightCheck {
  const version = /PDF Version: (\S+)/.exec(qpdfCheck.stdout)?.[1] ?? '?';
  if (qpdfCheck.exitCode === 0) return { name: 'structure', pass: true, detail: `qpdf --check: PDF ${version}, no syntax or stream encoding errors` };
  const findings = `${qpdfCheck.stderr}\n${qpdfCheck.stdout}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /warning|error|damaged/i.test(line) && !line.startsWith('No syntax or stream encoding errors'));
  return {
    name: 'structure',
    pass: false,
    detail: `qpdf --check exit ${qpdfCheck.exitCode}, ${findings.length} findings, first: ${findings[0] ?? 'none printed'}`,
  };
}
