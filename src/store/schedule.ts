const FCP = 'first-contentful-paint';

/**
 * Runs once the page has painted content (the static frame in index.html counts): work started
 * here (the engine's worker, mermaid) never competes with the first frame, and starts as soon as
 * that frame is on screen. Whichever comes first: the paint entry, or the task after the next
 * frame (where paint timing is missing).
 */
export function afterFirstPaint(run: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') {
    run();
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    run();
  };
  let observer: PerformanceObserver | null = null;
  if (performance.getEntriesByName(FCP).length > 0) {
    once();
    return;
  }
  if (PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(FCP).length > 0) once();
    });
    observer.observe({ type: 'paint', buffered: true });
  }
  // A callback of the next frame runs before that frame paints; a task queued from it, after.
  requestAnimationFrame(() => setTimeout(once, 0));
}

/** Runs when the page has nothing better to do (within `timeout` ms at the latest). */
export function whenIdle(run: () => void, timeout = 2000): void {
  if (typeof requestIdleCallback === 'undefined') setTimeout(run, 200);
  else requestIdleCallback(() => run(), { timeout });
}

let settle: () => void = () => undefined;
const settled = new Promise<void>((resolve) => (settle = resolve));

/** The page shows what it was opened for: the first diagram is drawn, or the decode view is open. */
export function markSettled(): void {
  settle();
}

/**
 * Runs once the page has settled (or `fallbackMs` after this call, should it never): for work the
 * visitor is not waiting for, such as precaching the site for offline use.
 */
export function whenSettled(run: () => void, fallbackMs = 5000): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  void settled.then(once);
  setTimeout(once, fallbackMs);
}
