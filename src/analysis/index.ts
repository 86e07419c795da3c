/**
 * The exchange analysis' public API: observed tokens → the story (steps, checks, outcome,
 * fingerprint) told by the same rules as the simulator, and, with secrets, what they open and
 * verify, grafted into each token's tree. Pure: runs in the CLI, the tests and the browser's worker.
 */
import { captureKind } from '../codec/input/recognise';
import { readCapture, type CaptureResult } from '../codec/capture';
import type { InputFormat, NonToken } from '../codec/input';
import type { Issue } from '../codec/tree';
import { authenticatorChecks, micValidityCheck } from './checks';
import { graftSecrets } from './graft';
import { exchangeFromPaste, exchangesFromCapture } from './input';
import { observeExchange } from './observe';
import { openKerberos } from './secrets/kerberos';
import { openNtlm } from './secrets/ntlm';
import type { TokenOnWire } from './secrets/types';
import type { AnalysedExchange, ObservedExchange, OutcomeResult, Secrets } from './types';

export type * from './types';
export { NO_SECRETS } from './types';
export { exchangeFromPaste, exchangeFromCapture, exchangesFromCapture } from './input';
export { parseSecret } from './secrets/parse';

const hasSecrets = (s: Secrets) =>
  s.passwords.length + s.ntHashes.length + s.keytabs.length + s.keys.length > 0;

/** One exchange: observed by the state machines, then opened with the secrets given. */
export function analyseExchange(exchange: ObservedExchange, secrets: Secrets): AnalysedExchange {
  const analysed = observeExchange(exchange);
  if (!hasSecrets(secrets) || analysed.steps.length === 0) return analysed;
  const onWire: TokenOnWire[] = analysed.steps.map((s) => ({ from: s.from, token: s.token }));
  const kerberos = openKerberos(onWire, secrets);
  const ntlm = openNtlm(onWire, secrets);
  analysed.steps.forEach((step, i) => {
    step.secrets = [...(kerberos[i] ?? []), ...(ntlm[i] ?? [])];
    graftSecrets(step.root, step.secrets);
    for (const result of step.secrets) {
      // A MIC no secret could check is said in the secrets, not failed as a check.
      if (result.what === 'mechListMIC' && !result.unchecked)
        step.checks.push(micValidityCheck(step, result));
      // The decrypted Authenticator gives the client's clock and its channel-binding hash.
      if (result.what === 'Authenticator') step.checks.push(...authenticatorChecks(step, result));
    }
  });
  const opened = analysed.steps.some((s) => s.secrets.some((r) => r.ok));
  if (!opened)
    analysed.findings.push({
      severity: 'info',
      text: 'The secrets given opened nothing in this exchange: no key matched its principals, encryption types or key versions, and no password matched its users.',
    });
  return analysed;
}

export interface PasteAnalysis {
  exchange: AnalysedExchange | null;
  errors: Issue[];
  recognised?: NonToken;
}

/** A paste (one or many tokens, headers, curl -v, HAR) as one exchange, in order. */
export function analysePaste(
  input: string | Uint8Array,
  format: InputFormat | 'auto',
  secrets: Secrets,
): PasteAnalysis {
  const { exchange, errors, recognised } = exchangeFromPaste(input, format);
  return {
    exchange: exchange ? analyseExchange(exchange, secrets) : null,
    errors,
    ...(recognised ? { recognised } : {}),
  };
}

export interface InputAnalysis {
  exchanges: AnalysedExchange[];
  errors: Issue[];
  recognised?: NonToken;
  /** Set when the input was a capture file. */
  capture?: Pick<CaptureResult, 'format' | 'packets' | 'complete' | 'issues'>;
}

/** Anything the CLI's `analyze` reads: a capture file, or a paste of any form. */
export function analyseInput(input: Uint8Array, secrets: Secrets): InputAnalysis {
  if (captureKind(input) !== null) {
    const capture = readCapture(input);
    return {
      exchanges: exchangesFromCapture(capture).map((e) => analyseExchange(e, secrets)),
      errors: capture.issues.map((i) => ({ offset: i.offset, message: i.message })),
      capture: {
        format: capture.format,
        packets: capture.packets,
        complete: capture.complete,
        issues: capture.issues,
      },
    };
  }
  const paste = analysePaste(input, 'auto', secrets);
  return {
    exchanges: paste.exchange ? [paste.exchange] : [],
    errors: paste.errors,
    ...(paste.recognised ? { recognised: paste.recognised } : {}),
  };
}

export interface ExchangeSummary {
  source: string;
  transport: string;
  client: string | null;
  server: string | null;
  mech: string | null;
  result: OutcomeResult;
  reason: string;
  steps: number;
}

/** What the capture's exchange list shows of one exchange. */
export function exchangeSummary(e: AnalysedExchange): ExchangeSummary {
  return {
    source: e.source,
    transport: e.transport,
    client: e.client,
    server: e.server,
    mech: e.outcome.mech,
    result: e.outcome.result,
    reason: e.outcome.reason,
    steps: e.steps.length,
  };
}
