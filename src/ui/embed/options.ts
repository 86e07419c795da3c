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

/**
 * The options as hash keys, only those that differ from the defaults (`narrative&inspector=0`):
 * what the frame appends to the link it writes into its own address as it steps, so that a reload
 * or a copied address shows the frame as it was embedded.
 */
export function formatEmbedOptions(options: EmbedOptions): string {
  return (Object.keys(DEFAULT_EMBED_OPTIONS) as (keyof EmbedOptions)[])
    .filter((key) => options[key] !== DEFAULT_EMBED_OPTIONS[key])
    .map((key) => (options[key] ? key : `${key}=0`))
    .join('&');
}
