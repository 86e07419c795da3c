import type { SimConfig } from '../../protocol/config';
import type { Holdings, MechName } from '../../protocol/types';
import { holdingRows, statePath } from './holdings-format';
import type { StepView } from './useStepViews';

type Side = 'initiator' | 'acceptor';

const TITLES: Record<Side, { name: string; role: string }> = {
  initiator: { name: 'Client', role: 'initiator' },
  acceptor: { name: 'Server', role: 'acceptor' },
};

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
      {path.length > 1 && (
        <ol className="state-path" aria-label={`${name} states so far`}>
          {path.map((s, i) => (
            <li key={`${s}-${i}`} aria-current={i === path.length - 1 ? 'step' : undefined}>
              {s}
            </li>
          ))}
        </ol>
      )}
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
