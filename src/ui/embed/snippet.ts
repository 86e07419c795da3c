/** The page that shows one view without the app's frame, for other sites' iframes. */
export const EMBED_PAGE = 'embed.html';

/** What an embedded frame posts to its parent: `{ type: HEIGHT_MESSAGE, height }`, in CSS px. */
export const HEIGHT_MESSAGE = 'spnego-lab:height';

export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE;
  height: number;
}

/**
 * The embed page's address for a link's hash, resolved against the page the user is on: the
 * snippet then names this site under whatever sub-path it is served from.
 */
export function embedUrl(hash: string, location: string): string {
  return new URL(`${EMBED_PAGE}${hash}`, location).href;
}

const escapeAttr = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The HTML a documentation page pastes: the frame, and a small listener that sets its height from
 * the frame's messages (only from this site's origin). Without the script the frame keeps the
 * height it is given.
 */
export function iframeSnippet(url: string, title: string, height = 640): string {
  const origin = new URL(url).origin;
  return [
    `<iframe src="${escapeAttr(url)}" title="${escapeAttr(title)}" width="100%" height="${height}" style="border: 0" loading="lazy"></iframe>`,
    '<script>',
    '  // SPNEGO Lab frames post their content height: size each one to fit.',
    "  addEventListener('message', (e) => {",
    `    if (e.origin !== ${JSON.stringify(origin)} || e.data?.type !== '${HEIGHT_MESSAGE}') return;`,
    "    for (const frame of document.querySelectorAll('iframe'))",
    '      if (frame.contentWindow === e.source) frame.style.height = `${e.data.height}px`;',
    '  });',
    '</script>',
  ].join('\n');
}
