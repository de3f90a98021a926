/**
 * Benches for trials off the page: a copy of an element's ancestors to set it alone with their styles, in a host of
 * its own. The caller removes what it puts in the document.
 */

/**
 * A bench for laying out an element alone with its ancestors' classes and styles (the line adjustment's trials):
 * shallow copies of its ancestors up to `top`, each in the next, `seat` in the innermost; `shape` may change a copy
 * (a body's columns). Detached: the caller puts it in a host of its own.
 *
 * @returns the outermost copy
 */
export function shellsAround(element: Element, top: Element, seat: Node, shape?: (ancestor: Element, shell: HTMLElement) => void): Node {
  let bench = seat;
  for (let ancestor = element.parentElement; ancestor && ancestor !== top.parentElement; ancestor = ancestor.parentElement) {
    const shell = ancestor.cloneNode(false) as HTMLElement;
    shape?.(ancestor, shell);
    shell.append(bench);
    bench = shell;
  }
  return bench;
}

/**
 * A host for benches: in the document (so that styles apply), off screen and unseen, its layout its own so that a
 * trial on it lays out the bench only. The caller removes it.
 * @param [width] a CSS width
 */
export function createBenchHost(width?: string) {
  const host = document.createElement('div');
  host.style.cssText = `position: absolute; left: -100000px; top: 0;${width ? ` width: ${width};` : ''} visibility: hidden; contain: layout style;`;
  document.documentElement.append(host);
  return host;
}

/** The host of withBenchHost while its work runs. */
let keptHost: HTMLElement | undefined;

/**
 * Runs `work` with one host for every bench set on the laid-out pages during it (onBench; a call within shares the
 * caller's): a host added to the document's root and taken out again at each trial has the whole document laid out
 * again, ~5 ms a trial beside a yearly volume's 216 pages against 0.7 ms in a host kept, its size and layout its own
 * (`contain: strict`). The host is as wide as the type area; a bench sets its own width.
 */
export function withBenchHost<T>(work: () => T): T {
  if (keptHost) return work();
  const host = createBenchHost('var(--type-area-width)');
  host.style.contain = 'strict';
  keptHost = host;
  const close = () => {
    host.remove();
    keptHost = undefined;
  };
  let result: T;
  try {
    result = work();
  } catch (error) {
    close();
    throw error;
  }
  // An asynchronous work (the mending, whose trials are awaited) keeps the host until it settles.
  if (result instanceof Promise) return result.finally(close) as T;
  close();
  return result;
}

/**
 * Sets `bench` in the host withBenchHost keeps, or alone in a host of its own; the returned function takes it out.
 */
export function seatBench(bench: Node): () => void {
  if (keptHost) {
    keptHost.append(bench);
    return () => bench.parentNode?.removeChild(bench);
  }
  const host = createBenchHost();
  host.append(bench);
  return () => host.remove();
}
