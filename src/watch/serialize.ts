/** Runs `task` one at a time; a call while it runs schedules exactly one more run after it (--watch, the desk's preview). */
export function serialize(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = task().finally(() => (running = undefined));
    await running;
    if (again) {
      again = false;
      await run();
    }
  };
  return run;
}
