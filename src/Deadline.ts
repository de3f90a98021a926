import { UserError } from './UserError.js';

/**
 * One timeout for the whole build, one cancellation (Ctrl-C/SIGTERM) and one way to fail from outside (the browser
 * died), all named after the phase they hit. A phase that outlives them is abandoned; the orchestrator's
 * `finally` closes the browser, which ends it.
 */
export class Deadline {
  private phase = 'starting';
  private readonly expired: Promise<never>;
  private timer?: NodeJS.Timeout;
  private reject: (error: UserError) => void = () => undefined;
  private readonly aborter = new AbortController();
  private readonly stopListening = new AbortController();
  /** Aborted when the build is given up, for work outside this process (Ghostscript) to stop too. */
  readonly signal = this.aborter.signal;

  constructor(timeoutMs: number, signal?: AbortSignal) {
    this.expired = new Promise<never>((_, reject) => {
      this.reject = reject;
      this.timer = setTimeout(
        () =>
          reject(new UserError('timeout', `timed out after ${timeoutMs / 1000} s while ${this.phase}; raise --timeout or use --debug to see where it stalls`)),
        timeoutMs,
      );
      signal?.addEventListener('abort', () => reject(new UserError('interrupted', `interrupted while ${this.phase}; no PDF was written`)), {
        once: true,
        signal: this.stopListening.signal, // --watch makes a Deadline per rebuild on the session's one signal
      });
      if (signal?.aborted) reject(new UserError('interrupted', 'interrupted before the build started'));
    });
    this.expired.catch(() => this.aborter.abort());
  }

  /** Runs one phase; `name` completes "timed out while …", e.g. "paginating". */
  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    this.phase = name;
    return Promise.race([work(), this.expired]);
  }

  /** Ends the current phase with the error `describe` makes of its name. */
  fail(describe: (phase: string) => UserError): void {
    this.reject(describe(this.phase));
  }

  clear(): void {
    clearTimeout(this.timer);
    this.stopListening.abort();
    this.reject = () => undefined;
  }
}
