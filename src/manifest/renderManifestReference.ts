/**
 * The manifest reference (docs/manifest.md), generated from the schemas' field descriptions so the
 * documentation cannot drift from what the loader accepts. `npm run docs` rewrites it; a test checks it is current.
 */
import { z } from 'zod';
import { fontsSchema } from './schemas.js';
import { frontMatterSchema, issueSchema, periodicalSchema } from './schemas.js';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

const files: { heading: string; schema: z.ZodType }[] = [
  { heading: 'periodical.yaml', schema: periodicalSchema },
  { heading: 'issues/<id>/issue.yaml', schema: issueSchema },
  { heading: 'Article front matter', schema: frontMatterSchema },
  { heading: 'fonts/fonts.yaml', schema: fontsSchema },
];

export function renderManifestReference(): string {
  const parts = ['# Manifest reference', '', '<!-- Generated from src/manifest/schemas.ts and src/fonts/loadFonts.ts by `npm run docs`; do not edit. -->', ''];
  parts.push('Unknown keys are errors. Every error names the file, line and column.', '');
  for (const { heading, schema } of files) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    parts.push(`## ${heading}`, '', json.description ?? '', '', '| key | type | required | default | meaning |', '|---|---|---|---|---|');
    parts.push(...rows(json, ''), '');
  }
  return parts.join('\n');
}

function rows(schema: JsonSchema, prefix: string): string[] {
  const result: string[] = [];
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix + key;
    const required = schema.required?.includes(key) && property.default === undefined ? 'yes' : '';
    const fallback = property.default === undefined || typeof property.default === 'object' ? '' : `\`${String(property.default)}\``;
    result.push(`| \`${path}\` | ${typeOf(property)} | ${required} | ${fallback} | ${(property.description ?? '').replace(/\|/g, '\\|')} |`);
    const nested = property.items?.properties ? property.items : property.properties ? property : undefined;
    if (nested) result.push(...rows(nested, `${path}${property.items ? '[]' : ''}.`));
  }
  return result;
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => `\`${String(value)}\``).join(' \\| ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' \\| ');
  if (schema.type === 'array') return `list of ${schema.items ? typeOf(schema.items) : 'any'}`;
  if (schema.format) return `${schema.type} (${schema.format})`;
  return String(schema.type ?? 'any');
}
