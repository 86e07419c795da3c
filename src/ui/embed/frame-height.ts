import { HEIGHT_MESSAGE, type HeightMessage } from './snippet';

/**
 * Tells the parent page the content's height whenever it changes, so a documentation page can size
 * the frame to it. The content's own box is measured, not the document: the document is at least
 * as tall as the frame, so it could never report shrinking. Only the height is sent (to any
 * parent: it says nothing about what is shown).
 */
export function reportHeight(content: HTMLElement): () => void {
  if (window.parent === window) return () => undefined;
  let last = -1;
  const post = () => {
    const height = Math.ceil(content.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height } satisfies HeightMessage, '*');
  };
  const observer = new ResizeObserver(post);
  observer.observe(content);
  post();
  window.addEventListener('load', post);
  return () => {
    observer.disconnect();
    window.removeEventListener('load', post);
  };
}
