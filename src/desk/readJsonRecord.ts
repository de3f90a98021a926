/** The desk's small JSON records (builds, proof rounds, decisions): read with a fallback, written atomically. */
import { readFile } from 'node:fs/promises';
import { writeOutput } from '../writeOutput.js';

export async function readJsonRecord<T>(path: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
}

export async function writeJsonRecord(path: string, value: unknown): Promise<void> {
  await writeOutput(path, `${JSON.stringify(value, null, 2)}\n`);
}
