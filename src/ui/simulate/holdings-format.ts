import type { Holdings } from '../../protocol/types';
import { mechShortName } from '../../codec/describe';

/** Readable names for the engine's SPNEGO holdings; a mechanism's own keys are shown as they are. */
const NAMES: Record<string, string> = {
  mechTypes: 'Mechanism list',
  selected: 'Chosen mechanism',
  mechState: 'Mechanism state',
  micRequired: 'MIC required',
  micSent: 'mechListMIC sent',
  micReceived: 'mechListMIC received',
};

const MECHS: Record<string, string> = { kerberos: 'Kerberos', ntlm: 'NTLM', negoex: 'NEGOEX' };

export interface HoldingRow {
  key: string;
  name: string;
  value: string;
  /** yes / no values get a mark; `error` rows a warning colour. */
  kind: 'yes' | 'no' | 'error' | 'text';
}

function formatValue(key: string, value: Holdings[string]): Pick<HoldingRow, 'value' | 'kind'> {
  if (value === null || value === undefined || value === '') return { value: '—', kind: 'text' };
  if (typeof value === 'boolean')
    return { value: value ? 'yes' : 'no', kind: value ? 'yes' : 'no' };
  if (key === 'mechTypes')
    return {
      value: String(value)
        .split(/,\s*/)
        .map((oid) => mechShortName(oid))
        .join(', '),
      kind: 'text',
    };
  if (key === 'selected') return { value: MECHS[String(value)] ?? String(value), kind: 'text' };
  if (key === 'error') return { value: String(value), kind: 'error' };
  return { value: String(value), kind: 'text' };
}

/** The rows of a side's holdings, in the engine's order, without the state (shown on its own). */
export function holdingRows(holdings: Holdings): HoldingRow[] {
  return Object.entries(holdings)
    .filter(([key]) => key !== 'state')
    .map(([key, value]) => ({ key, name: NAMES[key] ?? key, ...formatValue(key, value) }));
}

/** The states a side went through up to a step, without repeats: `WAIT_FIRST_REPLY → MECH_LOOP`. */
export function statePath(states: string[]): string[] {
  return states.filter((s, i) => i === 0 || states[i - 1] !== s);
}
