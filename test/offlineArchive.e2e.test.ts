/**
 * The offline archive (scripts/makeOfflineArchive.sh, --no-debs: the npm and project part; the Debian packages are
 * left out to keep CI short, the machine has them) installed with networking off — in a network namespace of its
 * own (`unshare -n`, root), only its loopback up — into a fresh folder by its install.sh, which runs `npm ci
 * --offline` from the bundled cache (building lib/) and starts the desk; the desk then answers on loopback inside
 * the namespace. Skipped where a network namespace cannot be made (not root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repository = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'paiban-offline-'));
const canIsolate = spawnSync('unshare', ['-n', 'true']).status === 0;

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!canIsolate)('the offline archive', () => {
  it('installs and starts the desk with no network, answering on loopback', () => {
    const archive = join(work, 'paiban-offline.tar');
    execFileSync(join(repository, 'scripts', 'makeOfflineArchive.sh'), [archive, '--no-debs'], { stdio: 'ignore', timeout: 900_000 });
    execFileSync('tar', ['-xf', archive, '-C', work]);
    expect(readdirSync(join(work, 'paiban-offline')).sort()).toEqual(['app', 'debs', 'install.sh', 'npm-cache']);
    const fresh = join(work, 'fresh');
    // Inside the namespace: no route anywhere (a fetch from the registry fails at once), then the install and one
    // question to the desk, then the desk stopped.
    const script = [
      'ip link set lo up',
      'if node -e "fetch(\'https://registry.npmjs.org/\').then(()=>process.exit(0),()=>process.exit(1))"; then echo NETWORK; exit 1; fi',
      `${join(work, 'paiban-offline', 'install.sh')} ${fresh} --start --port 4798`,
      `node -e "fetch('http://127.0.0.1:4798/',{headers:{accept:'application/json'}}).then(r=>r.text()).then(t=>console.log('ANSWER '+t))"`,
      `kill $(cat ${fresh}/desk.pid)`,
    ].join(' && ');
    const out = execFileSync('unshare', ['-n', 'bash', '-c', script], { encoding: 'utf8', timeout: 900_000 });
    expect(out).toMatch(/the desk answers on http:\/\/127\.0\.0\.1:4798\//);
    const answer = JSON.parse(/^ANSWER (.*)$/m.exec(out)![1]) as { issues: { id: string; articles: number }[] };
    expect(answer.issues).toContainEqual(expect.objectContaining({ id: '2024-4', articles: 18 }));
    expect(readdirSync(join(fresh, 'lib', 'desk', 'client'))).toContain('desk.js');
  }, 1_800_000);
});
