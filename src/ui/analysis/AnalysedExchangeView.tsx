import { useDeferredValue, useMemo } from 'react';
import type { AnalysedExchange } from '../../analysis/types';
import { exchangePlayback, usePlayback } from '../../store/playback';
import { analysedMessages } from '../diagram/analysed-source';
import { SequenceDiagram } from '../diagram/SequenceDiagram';
import { Inspector } from '../inspector/Inspector';
import { PlaybackControls } from '../playback/PlaybackControls';
import { FingerprintPanel } from './FingerprintPanel';
import { OpenInSimulator } from './OpenInSimulator';
import { DIRECTIONS, kdcLine, treeIssues } from './format';
import { SideStates } from './SideStates';
import { StepStory } from './StepStory';
import { Verdict } from './Verdict';
import './analysis.css';

/** Messages drawn at most (as the Decode view's own diagram): a longer one is read step by step. */
const MAX_DRAWN = 40;

const TRANSPORTS = { http: 'HTTP', smb2: 'SMB2', ldap: 'LDAP', paste: 'pasted tokens' } as const;

interface Props {
  exchange: AnalysedExchange;
  /** In an embedded frame: no diagram downloads. */
  embedded?: boolean;
  /** Names the diagram (and its exported files); the exchange's source by default. */
  title?: string;
}

/**
 * An analysed real exchange shown like a simulated run: the verdict, the sequence diagram with
 * each leg's transport status, both sides' states, the current step's story with its checks and
 * what the secrets opened, the fingerprint, and the step's token in the inspector (decrypted parts
 * in its tree). The current step is `exchangePlayback`'s: the view's controls, a click on an
 * arrow and the arrow keys move it.
 */
export function AnalysedExchangeView({ exchange, embedded = false, title }: Props) {
  const cursor = usePlayback(exchangePlayback, (s) => s.index);
  const last = exchange.steps.length - 1;
  const index = Math.max(0, Math.min(cursor, last));
  // The inspector (hundreds of nodes) follows in a transition: a step never waits for it.
  const inspected = Math.max(0, Math.min(useDeferredValue(cursor), last));
  const messages = useMemo(() => analysedMessages(exchange), [exchange]);
  const step = exchange.steps[index];
  const shown = exchange.steps[inspected];
  const issues = useMemo(() => (shown ? treeIssues(shown.root) : []), [shown]);
  const where =
    exchange.client && exchange.server ? `${exchange.client} → ${exchange.server}` : null;

  return (
    <section className="analysis" aria-label="Analysed exchange">
      <p className="analysis-source">
        <span className="analysis-transport">{TRANSPORTS[exchange.transport]}</span>{' '}
        {exchange.source}
        {where && !exchange.source.includes(where) ? ` · ${where}` : ''} · {exchange.steps.length}{' '}
        message{exchange.steps.length === 1 ? '' : 's'}
      </p>
      <Verdict outcome={exchange.outcome} findings={exchange.findings} />
      {!embedded && <OpenInSimulator exchange={exchange} />}
      {exchange.kdc.length > 0 && (
        <section className="analysis-kdc" aria-label="Kerberos traffic before the exchange">
          <h3>Kerberos traffic before the exchange</h3>
          <ol>
            {exchange.kdc.map((m, i) => (
              <li key={i} className={m.errorCode !== undefined ? 'analysis-kdc-error' : undefined}>
                {kdcLine(m)}
              </li>
            ))}
          </ol>
        </section>
      )}
      {step && (
        <>
          <div className="analysis-toolbar">
            <PlaybackControls store={exchangePlayback} noun="Message" />
          </div>
          <div className="stage analysis-stage">
            {messages.length <= MAX_DRAWN ? (
              <SequenceDiagram
                messages={messages}
                current={index}
                onSelect={exchangePlayback.getState().goTo}
                title={title ?? 'Analysed exchange'}
                fileName="spnego-analysed-exchange"
                exportable={!embedded}
              />
            ) : (
              <p className="hint analysis-undrawn">
                {messages.length} messages are too many to draw: step through them with the controls
                or the arrow keys.
              </p>
            )}
            <div className="stage-side">
              <SideStates steps={exchange.steps} index={index} />
              <StepStory
                step={step}
                steps={exchange.steps}
                transport={exchange.transport}
                position={index}
              />
            </div>
          </div>
        </>
      )}
      <FingerprintPanel fingerprint={exchange.fingerprint} />
      {shown && (
        <Inspector
          root={shown.root}
          bytes={shown.token}
          errors={issues}
          direction={shown.from}
          // One token is titled as the Decode view titles a token: what it is.
          title={
            exchange.steps.length === 1
              ? shown.summary
              : `Message ${inspected + 1} · ${DIRECTIONS[shown.from]} · ${shown.summary}`
          }
        />
      )}
    </section>
  );
}
