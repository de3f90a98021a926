/** The desk's queue of changes: one issue's changes run one at a time, in order; another issue's do not wait. */
import { describe, expect, it } from 'vitest';
import { serialiseWrites } from '../src/desk/serialiseWrites.js';

describe('serialiseWrites', () => {
  it('runs one issue’s changes one after another and lets another issue’s run meanwhile', async () => {
    const log: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    const first = serialiseWrites('a', async () => {
      log.push('a1 start');
      await held;
      log.push('a1 end');
    });
    const second = serialiseWrites('a', async () => log.push('a2'));
    await serialiseWrites('b', async () => log.push('b1'));
    expect(log).toEqual(['a1 start', 'b1']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('goes on after a change that failed, which fails its own caller only', async () => {
    const failed = serialiseWrites('c', async () => {
      throw new Error('bad input');
    });
    await expect(failed).rejects.toThrow('bad input');
    await expect(serialiseWrites('c', async () => 'next')).resolves.toBe('next');
  });
});
