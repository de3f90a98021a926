/**
 * Imported articles into issue.yaml, under the named section: the manifest is edited as a YAML document (the yaml
 * package's Document API), so the editor's comments, order and formatting stay as they were; a missing section is
 * added at the end, and a new issue gets a manifest with year and number read from its id (`2025-1`).
 */
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { z } from 'zod';
import { issueSchema } from '../manifest/schemas.js';
import { parseYamlWithSchema } from '../manifest/parseYamlWithSchema.js';
import { UserError } from '../UserError.js';

export interface ManifestSource {
  /** issue.yaml's text, or undefined for a new issue. */
  text: string | undefined;
  /** issue.yaml as shown in messages. */
  file: string;
}

/** An issue.yaml as the desk creates a new issue (paiban-desk): no sections until the first manuscripts come in. */
const newIssueSchema = issueSchema.extend({ sections: z.array(issueSchema.shape.sections.element) });

/** issue.yaml's new text: `articles` appended to section `section`. The result is checked against the schema. */
export function addToManifest(source: ManifestSource, issueId: string, section: string, articles: string[], today: Date): string {
  const document = source.text === undefined ? newManifest(source.file, issueId, today) : parseDocument(source.text);
  if (source.text !== undefined) parseYamlWithSchema({ text: source.text, file: source.file }, newIssueSchema);
  const sections = document.get('sections') as YAMLSeq<YAMLMap>;
  // `sections: []` (a new issue) is a flow sequence: the sections added are written as blocks.
  if (sections.items.length === 0) sections.flow = false;
  let target = sections.items.find((item) => isMap(item) && item.get('title') === section);
  if (!target) {
    target = document.createNode({ title: section, articles: [] }) as YAMLMap;
    sections.add(target);
  }
  const list = target.get('articles') as YAMLSeq;
  if (!isSeq(list))
    throw new UserError('input', `section "${section}" has no list of articles; write its articles as a list`, { location: { file: source.file } });
  for (const article of articles) list.add(document.createNode(article));
  const text = document.toString({ lineWidth: 0 }).replace(/\n*$/, '\n');
  parseYamlWithSchema({ text, file: source.file }, issueSchema);
  return text;
}

/** A manifest for an issue that does not exist yet; the date is a placeholder the editor sets (it dates the PDF). */
function newManifest(file: string, issueId: string, today: Date): Document {
  const match = /^(\d{4})-(\d{1,2})$/.exec(issueId);
  if (!match) {
    throw new UserError('input', `cannot tell the year and number of a new issue from the id "${issueId}"; name it like 2025-1, or create ${file} first`);
  }
  return parseDocument(
    `year: ${match[1]}\nnumber: ${Number(match[2])}\n# The publication date; it also dates the PDF: set it before printing.\ndate: ${today.toISOString().slice(0, 10)}\nsections: []\n`,
  );
}
