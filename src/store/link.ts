import type { InputFormat } from '../codec';
import type { ConfigPatch } from '../protocol/config';
import { findDifference } from '../protocol/differences';

export type View = 'simulate' | 'decode' | 'lesson' | 'differences';

const VIEWS: readonly string[] = ['simulate', 'decode', 'lesson', 'differences'];

/** Everything a link can restore. `input` is present only when the user asked to share a paste. */
export interface Link {
  view: View;
  scenario?: string;
  config?: ConfigPatch;
  /** 0-based message index (1-based in the URL, as people count). */
  step?: number;
  /** The inspector's selected field: child indices from the token's root (`0.2.1`). */
  field?: string;
  input?: string;
  format?: InputFormat | 'auto';
  /** Presenter mode (`presenter=1`): the lesson on one screen, no configuration chrome. */
  presenter?: boolean;
  /** Messages after the current one stay hidden until reached (`future=hidden`). */
  hideFuture?: boolean;
  /** The implementation difference the Differences view opens at (an entry id of differences.ts). */
  difference?: string;
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
    view: viewParam !== null && VIEWS.includes(viewParam) ? (viewParam as View) : 'simulate',
  };
  const scenario = params.get('scenario');
  if (scenario) link.scenario = scenario;
  const step = Number(params.get('step'));
  if (Number.isInteger(step) && step >= 1) link.step = step - 1;
  const field = params.get('field');
  if (field !== null && /^(\d+(\.\d+)*)?$/.test(field)) link.field = field;
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
  if (params.get('presenter') === '1') link.presenter = true;
  if (params.get('future') === 'hidden') link.hideFuture = true;
  const difference = params.get('difference');
  if (difference && findDifference(difference)) link.difference = difference;
  return link;
}

/**
 * What `parseLink` had to ignore in a hash, in words a visitor can act on: a broken link must say
 * so rather than silently open something else. (Whether the scenario exists is the caller's check.)
 */
export function linkProblems(hash: string): string[] {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const problems: string[] = [];
  const view = params.get('view');
  if (view !== null && !VIEWS.includes(view)) problems.push(`there is no view “${view}”`);
  const step = params.get('step');
  if (step !== null && !(Number.isInteger(Number(step)) && Number(step) >= 1))
    problems.push(`step “${step}” is not a step number (1, 2, 3…)`);
  const config = params.get('config');
  if (config !== null) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(config);
    } catch {
      // Reported below.
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      problems.push('its configuration is damaged (not a JSON object)');
  }
  const input = params.get('input');
  if (input !== null && (input === '' || fromBase64Url(input) === null))
    problems.push('its shared paste is damaged (not base64url text)');
  const field = params.get('field');
  if (field !== null && !/^(\d+(\.\d+)*)?$/.test(field))
    problems.push(`field “${field}” is not a place in a token's tree (0.2.1)`);
  const format = params.get('format');
  if (format !== null && !FORMATS.includes(format))
    problems.push(`there is no input format “${format}”`);
  const difference = params.get('difference');
  if (difference !== null && !findDifference(difference))
    problems.push(`there is no implementation difference “${difference}”`);
  return problems;
}

export function formatLink(link: Link): string {
  const params = new URLSearchParams({ view: link.view });
  if (link.scenario) params.set('scenario', link.scenario);
  if (link.config && Object.keys(link.config).length)
    params.set('config', JSON.stringify(link.config));
  if (link.input !== undefined) params.set('input', toBase64Url(link.input));
  if (link.format && link.format !== 'auto') params.set('format', link.format);
  if (link.step !== undefined) params.set('step', String(link.step + 1));
  if (link.field !== undefined) params.set('field', link.field);
  if (link.presenter) params.set('presenter', '1');
  if (link.hideFuture) params.set('future', 'hidden');
  if (link.difference) params.set('difference', link.difference);
  return `#${params.toString()}`;
}
