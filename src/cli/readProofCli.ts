/**
 * `read-proof <id> <marked-proof.pdf>…` → exit code: proofreaders' marks read back into a report, and with --apply
 * into the Markdown. Exit 7 when corrections are left in conflict or undecided after --apply (the others are applied);
 * each undecided mark is named on a line of its own, with what to decide.
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { readProof } from '../corrections/readProof.js';
import { ExitCode } from '../UserError.js';
import { defaultIo, runCommand, type CliIo } from './runCommand.js';

interface ReadProofFlags {
  root: string;
  apply?: boolean;
}

export async function run(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const program = new Command('read-proof')
    .description("Read proofreaders' marks (PDF annotations) on proofs of an issue back to its Markdown: dist/<id>-corrections.json and .html")
    .argument('<id>', 'issue folder name under issues/, e.g. 2024-4')
    .argument('<proof...>', 'marked proof PDFs (dist/<id>-proof.pdf as proofreaders saved it; several copies of one proof may be given)')
    .option('--root <dir>', 'project folder holding periodical.yaml and issues/', '.')
    .option(
      '--apply',
      'edit the Markdown: each replacement, deletion and insertion whose marked text is still in place (exit 7 if any conflict or undecided mark is left)',
    );
  return runCommand<ReadProofFlags>(program, argv, io, async ([issueId, ...pdfs], flags, { cwd, reporter }) => {
    const result = await readProof({ root: resolve(cwd, flags.root), issueId, pdfs: pdfs.map((pdf) => resolve(cwd, pdf)), apply: Boolean(flags.apply) });
    for (const path of result.written) reporter.stage(`wrote ${path}`);
    for (const correction of result.report.articles.flatMap((article) => article.corrections).filter((each) => each.status === 'undecided')) {
      const { page, column, line } = correction.proof;
      const where = correction.source ? `${correction.source.file}:${correction.source.line}:${correction.source.column}` : `p. ${page}`;
      reporter.stage(`to decide: ${where} (p. ${page}, column ${column}, line ${line}): ${correction.reason}`);
    }
    reporter.stage(result.report.summary);
    const { conflict, undecided = 0 } = result.report.counts.byStatus;
    return flags.apply && conflict + undecided > 0 ? ExitCode.check : ExitCode.ok;
  });
}
