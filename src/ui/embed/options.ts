/**
 * What an embedded frame shows beyond the diagram and controls, from its address's hash (beside the
 * link's own keys, which `parseLink` reads):
 * - `narrative` — the current step's narrative, and the outcome at the last step;
 * - `inspector=0` — no token inspector;
 * - `compact` — a shorter frame: the diagram, tree and hex pane scroll within less height.
 * A bare key or `1`/`true` turns an option on, `0`/`false` off.
 */
export interface EmbedOptions {
  narrative: boolean;
  inspector: boolean;
  compact: boolean;
}

export const DEFAULT_EMBED_OPTIONS: EmbedOptions = {
  narrative: false,
  inspector: true,
  compact: false,
};

function flag(params: URLSearchParams, key: keyof EmbedOptions): boolean {
  const value = params.get(key);
  if (value === null) return DEFAULT_EMBED_OPTIONS[key];
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

export function parseEmbedOptions(hash: string): EmbedOptions {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return {
    narrative: flag(params, 'narrative'),
    inspector: flag(params, 'inspector'),
    compact: flag(params, 'compact'),
  };
}
