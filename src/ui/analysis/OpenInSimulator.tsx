import { useState } from 'react';
import type { AnalysedExchange } from '../../analysis/types';
import { DEFAULT_CONFIG, withPatch, type ConfigPatch } from '../../protocol/config';
import { configPatch } from '../../store/config-diff';
import { formatLink } from '../../store/link';

/** The scenario the link patches: `kerberos` runs DEFAULT_CONFIG unchanged. */
const BASE_SCENARIO = 'kerberos';

/**
 * The Simulate view's link for an inferred configuration: the `kerberos` scenario (the default
 * configuration) patched with what differs from it, at the first message. Shareable as it is.
 */
export function simulatorLink(config: ConfigPatch): string {
  return formatLink({
    view: 'simulate',
    scenario: BASE_SCENARIO,
    config: configPatch(DEFAULT_CONFIG, withPatch(DEFAULT_CONFIG, config)),
    step: 0,
  });
}

/**
 * "Open in simulator": infers the configuration that explains this exchange (as `cli reproduce`
 * does) and follows a link to the Simulate view with it, where one thing can be changed (give the
 * server its key, turn NTLM off) to see what would have happened. The inference loads the engine,
 * so it is imported on the click, not with the page.
 */
export function OpenInSimulator({ exchange }: { exchange: AnalysedExchange }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (exchange.steps.length === 0) return null;
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const { inferConfig } = await import('../../analysis/reproduce/infer');
      window.location.hash = simulatorLink(inferConfig(exchange).config);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="analysis-reproduce">
      <button type="button" className="tool-button" disabled={busy} onClick={() => void open()}>
        Open in simulator
      </button>
      <span className="hint">
        {' '}
        Simulates this exchange with the configuration that explains it: change one thing and see
        what would have happened.
      </span>
      {error && (
        <p role="alert" className="hint">
          The configuration could not be inferred: {error}
        </p>
      )}
    </div>
  );
}
