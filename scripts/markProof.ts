/**
 * For `npm run bench`: issue 2024-4's proof, built and marked as a proofreader would, for timing read-proof on it:
 * on every page a highlight with a comment over the first line of each column and a caret in the middle of the
 * fifth, appended as an incremental update (test/helpers/annotatePdf.ts).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openProof } from '../src/corrections/openProof.js';
import { appendAnnotations, type NewAnnotation } from '../test/helpers/annotatePdf.js';

export async function markProof(root: string, issueId: string, work: string): Promise<{ pdf: string; marks: number; pages: number }> {
  const repository = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(repository, 'bin', 'build-issue.js'), issueId, '--root', root, '--out', join(work, `${issueId}.pdf`), '--proof'], {
    stdio: 'ignore',
  });
  const marked = join(work, `${issueId}-proof-marked.pdf`);
  return { pdf: marked, ...(await markProofFile(join(work, `${issueId}-proof.pdf`), issueId, marked)) };
}

/** The marks of markProof added to the proof at `proof` (built by the CLI or the desk), written to `marked`. */
export async function markProofFile(proof: string, issueId: string, marked: string, author = 'bench'): Promise<{ marks: number; pages: number }> {
  const { document, map } = await openProof(proof, issueId);
  const pages = document.numPages;
  await document.destroy();
  const marks: NewAnnotation[] = [];
  for (const line of map.lines.filter((candidate) => candidate.column > 0 && (candidate.line === 1 || candidate.line === 5))) {
    const [left, bottom, right, top] = line.box;
    if (line.line === 1) {
      marks.push({
        page: line.page,
        entries: {
          Subtype: '/Highlight',
          Rect: line.box,
          QuadPoints: [left, top, right, top, left, bottom, right, bottom],
          Contents: '请核实',
          T: author,
          F: 4,
        },
      });
    } else {
      const x = (left + right) / 2;
      marks.push({ page: line.page, entries: { Subtype: '/Caret', Rect: [x - 3, bottom, x + 3, bottom + 8], Contents: '的', T: author, F: 4 } });
    }
  }
  writeFileSync(marked, await appendAnnotations(new Uint8Array(readFileSync(proof)), marks, 'table'));
  return { marks: marks.length, pages };
}
