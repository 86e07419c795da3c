import type { InputFormat } from '../codec';
import type { ConfigPatch } from '../protocol/config';

export type View = 'simulate' | 'decode' | 'lesson';

/** Everything a link can restore. `input` is present only when the user asked to share a paste. */
export interface Link {
  view: View;
  scenario?: string;
  config?: ConfigPatch;
  /** 0-based message index (1-based in the URL, as people count). */
  step?: number;
  input?: string;
  format?: InputFormat | 'auto';
}

const FORMATS = ['auto', 'base64', 'hex', 'http', 'hexdump', 'binary'];

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    );
  } catch {
    return null;
  }
}

/** Reads a location hash; anything malformed is ignored rather than trusted. */
export function parseLink(hash: string): Link {
  // A Lesson step's anchor (`#lesson-step-3`): the Lesson at that step of the current run.
  const anchor = /^#?lesson-step-(\d+)$/.exec(hash);
  if (anchor && Number(anchor[1]) >= 1) return { view: 'lesson', step: Number(anchor[1]) - 1 };
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const viewParam = params.get('view');
  const link: Link = {
    view: viewParam === 'decode' || viewParam === 'lesson' ? viewParam : 'simulate',
  };
  const scenario = params.get('scenario');
  if (scenario) link.scenario = scenario;
  const step = Number(params.get('step'));
  if (Number.isInteger(step) && step >= 1) link.step = step - 1;
  const config = params.get('config');
  if (config) {
    try {
      const parsed: unknown = JSON.parse(config);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        link.config = parsed as ConfigPatch;
    } catch {
      // A damaged config parameter leaves the scenario as it is.
    }
  }
  const input = params.get('input');
  if (input) {
    const text = fromBase64Url(input);
    if (text !== null) link.input = text;
  }
  const format = params.get('format');
  if (format && FORMATS.includes(format)) link.format = format as Link['format'];
  return link;
}

export function formatLink(link: Link): string {
  const params = new URLSearchParams({ view: link.view });
  if (link.scenario) params.set('scenario', link.scenario);
  if (link.config && Object.keys(link.config).length)
    params.set('config', JSON.stringify(link.config));
  if (link.input !== undefined) params.set('input', toBase64Url(link.input));
  if (link.format && link.format !== 'auto') params.set('format', link.format);
  if (link.step !== undefined) params.set('step', String(link.step + 1));
  return `#${params.toString()}`;
}
