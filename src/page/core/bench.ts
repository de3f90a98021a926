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
