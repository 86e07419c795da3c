import type { AnalysedExchange, AnalysedStep, Transport } from '../../analysis/types';
import { LDAP_RESULT_CODES, NT_STATUS } from '../../data/transports';
import { sequenceSource, type DiagramMessage, type StatusTone } from './sequence-source';

/** Reason phrases of the statuses a Negotiate exchange meets (RFC 9110 §15). */
const HTTP_REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  407: 'Proxy Authentication Required',
  500: 'Internal Server Error',
};

/** STATUS_MORE_PROCESSING_REQUIRED: the session setup goes on (MS-SMB2 §3.3.5.5.3). */
const SMB_MORE_PROCESSING = 0xc0000016;
/** saslBindInProgress: the SASL bind goes on (RFC 4511 §4.2.2). */
const LDAP_BIND_IN_PROGRESS = 14;

const hex32 = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/**
 * How a transport status reads on a leg. `last` says whether no message follows: a 401 in the
 * middle of an HTTP exchange asks for the next token (RFC 4559 §5), as the last answer it refuses.
 */
export function statusLabel(
  transport: Transport,
  status: number,
  statusText: string | undefined,
  last: boolean,
): { text: string; tone: StatusTone } {
  if (transport === 'smb2') {
    const name = statusText ?? NT_STATUS[status >>> 0] ?? hex32(status);
    const tone = status === 0 ? 'ok' : status >>> 0 === SMB_MORE_PROCESSING ? 'continue' : 'error';
    return { text: name, tone };
  }
  if (transport === 'ldap') {
    const name = statusText ?? LDAP_RESULT_CODES[status] ?? `resultCode ${status}`;
    const tone = status === 0 ? 'ok' : status === LDAP_BIND_IN_PROGRESS ? 'continue' : 'error';
    return { text: `LDAP ${name}`, tone };
  }
  // HTTP, and a paste whose statuses came from HTTP status lines (curl -v, a HAR export).
  const reason = statusText ?? HTTP_REASONS[status];
  const text = `HTTP ${status}${reason ? ` ${reason}` : ''}`;
  const challenge = status === 401 || status === 407;
  const tone = status < 400 ? 'ok' : challenge && !last ? 'continue' : 'error';
  return { text, tone };
}

/**
 * The status drawn on a step's leg. An acceptor's token shows the status of the answer that
 * carried it. An initiator's token carries the status of the answer it got; that is drawn only
 * when the answer brought no token of its own (an SMB STATUS_LOGON_FAILURE, an HTTP 200 without
 * WWW-Authenticate), since otherwise the next leg shows it.
 */
export function legStatus(
  exchange: Pick<AnalysedExchange, 'transport' | 'steps'>,
  index: number,
): DiagramMessage['status'] {
  const step = exchange.steps[index];
  if (step?.status === undefined) return undefined;
  const next = exchange.steps[index + 1];
  if (step.from === 'initiator' && next?.from === 'acceptor') return undefined;
  const { text, tone } = statusLabel(exchange.transport, step.status, step.statusText, !next);
  return { text: step.from === 'initiator' ? `answered ${text}` : text, tone };
}

/** The arrow's label: the step's one-line summary, envelope first, then what rides inside. */
function stepLabel(step: AnalysedStep): DiagramMessage['label'] {
  const [envelope, ...inner] = step.summary.split(' + ');
  return { envelope: envelope ?? step.message, inner };
}

/** An analysed exchange's messages as the sequence diagram draws them, status on each leg. */
export function analysedMessages(
  exchange: Pick<AnalysedExchange, 'transport' | 'steps'>,
): DiagramMessage[] {
  return exchange.steps.map((step, i) => {
    const status = legStatus(exchange, i);
    return { from: step.from, label: stepLabel(step), ...(status ? { status } : {}) };
  });
}

/** The mermaid `sequenceDiagram` of an analysed exchange (what SequenceDiagram draws for it). */
export function analysedSequenceSource(
  exchange: Pick<AnalysedExchange, 'transport' | 'steps'>,
  title: string,
  compact = false,
): string {
  return sequenceSource(analysedMessages(exchange), title, compact);
}
