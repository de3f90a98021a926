import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderManifestReference } from '../src/manifest/renderManifestReference.js';

it('docs/manifest.md is generated from the current schemas (run npm run docs)', () => {
  expect(readFileSync(new URL('../docs/manifest.md', import.meta.url), 'utf8')).toBe(renderManifestReference());
});
