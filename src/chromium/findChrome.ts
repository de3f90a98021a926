import { accessSync, constants } from 'node:fs';
import { UserError } from '../UserError.js';

/** Where Chromium is looked for, after --chrome and the environment. Debian's package installs /usr/bin/chromium. */
const knownPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/**
 * The browser is the system's Chromium, never one downloaded by puppeteer (the machines have no network for it,
 * and the printer's results must come from a known, packaged build).
 */
export function findChrome(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    ...(explicit ? [{ path: explicit, from: '--chrome' }] : []),
    ...(['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const).flatMap((name) => (env[name] ? [{ path: env[name]!, from: name }] : [])),
    ...knownPaths.map((path) => ({ path, from: 'known path' })),
  ];
  for (const candidate of candidates) {
    if (isExecutable(candidate.path)) return candidate.path;
    if (candidate.from !== 'known path') {
      throw new UserError(
        'browser',
        `Chromium not found at ${candidate.path} (from ${candidate.from}); correct the path or install it with: apt-get install chromium`,
      );
    }
  }
  throw new UserError('browser', `Chromium not found (tried ${knownPaths.join(', ')}); install it with: apt-get install chromium, or pass --chrome <path>`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
