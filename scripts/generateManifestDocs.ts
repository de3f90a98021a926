// Rewrites docs/manifest.md from the schemas (npm run docs).
import { writeFileSync } from 'node:fs';
import { renderManifestReference } from '../src/manifest/renderManifestReference.js';

writeFileSync(new URL('../docs/manifest.md', import.meta.url), renderManifestReference());
