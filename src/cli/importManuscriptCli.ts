/** `import-manuscript <id> <file.docx>… --section <title>` → exit code: Word manuscripts into articles of an issue. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { ExitCode } from '../UserError.js';
import { defaultIo, runCommand, type CliIo } from './runCommand.js';

interface ImportManuscriptFlags {
  section: string;
  root: string;
  acceptChanges?: boolean;
  debug?: boolean;
}

export async function run(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const program = new Command('import-manuscript')
    .description('Turn Word (.docx) manuscripts into articles of an issue: issues/<id>/NN-name.md, listed in issue.yaml under --section')
    .argument('<id>', 'issue folder name under issues/, e.g. 2025-1 (a new issue is created, its year and number read from the id)')
    .argument('<files...>', 'the manuscripts (.docx), in the order their articles are printed')
    .requiredOption('--section <title>', 'the section (栏目) the articles go in, e.g. 理论与实践 (created when the issue has none of that name)')
    .option('--root <dir>', 'project folder holding periodical.yaml and issues/', '.')
    .option('--accept-changes', 'accept the tracked changes of the manuscripts (listed in the report) instead of refusing them')
    .addHelpText('after', '\nWrites the articles, their pictures and issue.yaml only when every manuscript converted; the report is dist/<id>-import.json.');
  return runCommand<ImportManuscriptFlags>(program, argv, io, async ([issueId, ...files], flags, context) => {
    // Loaded here so --help does not pay for mammoth.
    const { importManuscripts } = await import('../import/importManuscripts.js');
    const result = await importManuscripts({
      root: resolve(context.cwd, flags.root),
      issueId,
      files,
      section: flags.section,
      acceptChanges: Boolean(flags.acceptChanges),
      cwd: context.cwd,
      reporter: context.reporter,
      debug: Boolean(flags.debug),
    });
    const articles = result.report.manuscripts.length;
    context.reporter.stage(
      `wrote ${articles} article${articles === 1 ? '' : 's'} into ${result.report.manifest} (section ${flags.section}); report ${result.reportFile}`,
    );
    return ExitCode.ok;
  });
}
