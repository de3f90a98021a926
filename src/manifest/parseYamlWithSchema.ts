/**
 * YAML text → schema-checked value, with every error pointing at file:line:column.
 * The raw document keeps its source ranges, so a schema issue's path can be mapped back to the node
 * (or, for an unknown key, the key itself) that caused it.
 */
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { UserError, type SourceLocation } from '../UserError.js';

export interface YamlSource {
  text: string;
  file: string;
  /** Line of `text`'s first line in the file (front matter starts on line 2). */
  firstLine?: number;
}

export function parseYamlWithSchema<S extends z.ZodType>(source: YamlSource, schema: S): z.output<S> {
  const lineCounter = new LineCounter();
  const document = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: source.file, line: line + (source.firstLine ?? 1) - 1, column: col };
  };
  const [yamlError] = document.errors;
  if (yamlError) {
    throw new UserError('input', `not valid YAML: ${firstLine(yamlError.message)}`, { location: locate(yamlError.pos[0]) });
  }
  const result = schema.safeParse(document.toJS() ?? {});
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const offset = offsetOf(document, issue.path, key);
  const where = describePath(issue.path);
  const message =
    key !== undefined ? `unknown key "${key}"${where ? ` in ${where}` : ''}; remove it or check its spelling` : `${where || 'document'}: ${issue.message}`;
  throw new UserError('input', message, { location: locate(offset) });
}

function offsetOf(document: Document, path: PropertyKey[], key: string | undefined): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node);
  for (const segment of path) {
    if (!isNode(node) && !isMap(node)) break;
    const next = (node as { get?: (k: unknown, keep: true) => unknown }).get?.(segment, true);
    if (next === undefined) break;
    node = next;
    offset = rangeStart(node, offset);
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (pair && isScalar(pair.key)) offset = rangeStart(pair.key, offset);
  }
  return offset;
}

function rangeStart(node: unknown, fallback = 0): number {
  return isNode(node) && (node as Node).range ? (node as Node).range![0] : fallback;
}

function describePath(path: PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`))
    .join('')
    .replace(/^\./, '');
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}
