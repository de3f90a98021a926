/** Progress on stderr, stage by stage: the office sees what the build is doing and where it stopped. */
export interface Reporter {
  stage(message: string): void;
  /** A transient line (page counter), overwritten in place on a terminal. */
  progress(message: string): void;
  warn(message: string): void;
}

/** Lines on `stream`, each prefixed with the command's name. */
export function createReporter(stream: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean }, command = 'build-issue'): Reporter {
  let transient = false;
  const clear = () => {
    if (transient) stream.write('\r\x1b[K');
    transient = false;
  };
  return {
    stage: (message) => {
      clear();
      stream.write(`${command}: ${message}\n`);
    },
    progress: (message) => {
      if (!stream.isTTY) return;
      clear();
      stream.write(`${command}: ${message}`);
      transient = true;
    },
    warn: (message) => {
      clear();
      stream.write(`${command}: warning: ${message}\n`);
    },
  };
}
