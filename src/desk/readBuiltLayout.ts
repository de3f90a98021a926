/** The layout the last build wrote beside the issue's PDF (dist/<id>.layout.json), whoever ran it. */
import type { BuiltLayout } from '../buildIssue.js';
import { outputPaths } from '../outputPaths.js';
import { issueFolder } from './issueFolder.js';
import { readJsonRecord } from './readJsonRecord.js';

/** Undefined when the issue has not been built (or only by a paiban that wrote no layout). */
export function readBuiltLayout(root: string, issueId: string): Promise<BuiltLayout | undefined> {
  issueFolder(root, issueId);
  return readJsonRecord<BuiltLayout | undefined>(outputPaths({ root, issueId }).layout, undefined);
}
