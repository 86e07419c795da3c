import type { SimConfig } from '../../protocol/config';
import type { Holdings, MechName } from '../../protocol/types';
import { holdingRows, statePath } from './holdings-format';
import type { StepView } from './useStepViews';
import './state-chart.css';

type Side = 'initiator' | 'acceptor';

const TITLES: Record<Side, { name: string; role: string }> = {
  initiator: { name: 'Client', role: 'initiator' },
  acceptor: { name: 'Server', role: 'acceptor' },
};

/**
 * Each side's states in the order the simulator moves through them (src/protocol/spnego/
 * initiator.ts and acceptor.ts), with what each means; the last two are the ends.
 */
export const STATE_MEANINGS: Record<Side, readonly { name: string; meaning: string }[]> = {
  initiator: [
    { name: 'START', meaning: 'nothing sent yet; chooses which mechanisms to offer' },
    {
      name: 'WAIT_FIRST_REPLY',
      meaning: 'sent NegTokenInit (mechTypes, maybe an optimistic token); awaits the choice',
    },
    {
      name: 'MECH_LOOP',
      meaning: 'the mechanism is chosen; its tokens go back and forth in NegTokenResp',
    },
    { name: 'DONE', meaning: 'context established, mechListMIC checked when required' },
    { name: 'FAILED', meaning: 'rejected, or a token or MIC did not verify' },
  ],
  acceptor: [
    { name: 'IDLE', meaning: 'nothing received yet (an SMB2 server may send hints first)' },
    { name: 'WAIT_INIT', meaning: "sent NegTokenInit2 hints; awaits the client's NegTokenInit" },
    {
      name: 'MECH_LOOP',
      meaning: "picked a mechanism from the client's list; runs its exchange",
    },
    {
      name: 'WAIT_PEER_MIC',
      meaning: "its mechanism is done; awaits the client's mechListMIC",
    },
    { name: 'DONE', meaning: 'accept-completed: the client is authenticated' },
    { name: 'FAILED', meaning: 'rejected: no common mechanism, a bad token or MIC' },
  ],
};

/** The side's state chart: every state with its meaning, those passed marked, the current lit. */
export function StateChart({ side, state, path }: { side: Side; state: string; path: string[] }) {
  const known = STATE_MEANINGS[side];
  const states = known.some((s) => s.name === state)
    ? known
    : [...known, { name: state, meaning: 'a state of this run' }];
  return (
    <ol className="state-chart" aria-label={`${TITLES[side].name} state chart`}>
      {states.map(({ name, meaning }, i) => {
        const lit = name === state;
        // The first state is where each side starts, passed before its first message.
        const visited = !lit && (i === 0 || path.includes(name));
        const end = name === 'DONE' || name === 'FAILED';
        return (
          <li
            key={name}
            className={`chart-state state-${name.toLowerCase()}${lit ? ' lit' : ''}${visited ? ' visited' : ''}${end ? ' end' : ''}`}
            aria-current={lit ? 'step' : undefined}
          >
            <span className="chart-name">{name}</span>
            <span className="chart-meaning">{meaning}</span>
          </li>
        );
      })}
    </ol>
  );
}

const MECHS: Record<MechName, string> = { kerberos: 'Kerberos', ntlm: 'NTLM', negoex: 'NEGOEX' };

function Machine({
  side,
  state,
  path,
  holdings,
  previous,
  prefers,
}: {
  side: Side;
  state: string;
  path: string[];
  holdings: Holdings;
  previous: Holdings | null;
  /** The side's configured mechanisms, in its order of preference. */
  prefers: MechName[];
}) {
  const { name, role } = TITLES[side];
  return (
    <section className={`machine side-${side}`} aria-label={`${name} state`}>
      <h3 className="machine-title">
        {name} <span className="machine-role">{role}</span>
      </h3>
      <p className="machine-state">
        <span className={`state-pill state-${state.toLowerCase()}`}>{state}</span>
      </p>
      <StateChart side={side} state={state} path={path} />
      <dl className="holdings">
        <div className="holding">
          <dt>Prefers</dt>
          <dd>{prefers.map((m) => MECHS[m]).join(', ') || '—'}</dd>
        </div>
        {holdingRows(holdings).map((row) => {
          const changed = previous !== null && previous[row.key] !== holdings[row.key];
          return (
            <div key={row.key} className={`holding${changed ? ' changed' : ''}`}>
              <dt>{row.name}</dt>
              <dd className={`value-${row.kind}`}>{row.value}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/**
 * Initiator and acceptor side by side: state, the path so far, and what each holds. Each step
 * shows both sides as the message leaves; the last step shows where both ended, once the last
 * message was received.
 */
export function StateMachines({
  views,
  index,
  final,
  config,
}: {
  views: StepView[];
  index: number;
  final: { initiator: Holdings; acceptor: Holdings; states: Record<Side, string> } | null;
  config: SimConfig;
}) {
  const view = views[index];
  if (!view) return null;
  const ended = index === views.length - 1 && final !== null;
  const previous = index > 0 ? views[index - 1].step : null;
  const side = (which: Side) => {
    const states = views.slice(0, index + 1).map((v) => v.step[`${which}State`]);
    const holdings = ended ? final[which] : view.step[which];
    const state = ended ? final.states[which] : view.step[`${which}State`];
    return (
      <Machine
        side={which}
        state={state}
        path={statePath([...states, state])}
        holdings={holdings}
        previous={previous?.[which] ?? null}
        prefers={config[which].mechs}
      />
    );
  };
  return (
    <div className="machines">
      {side('initiator')}
      {side('acceptor')}
    </div>
  );
}
