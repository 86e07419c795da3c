import type { MessageLabel } from '../../codec/describe';

export type Side = 'initiator' | 'acceptor';

/** How a leg's transport status reads: the exchange goes on, it succeeded, or it was refused. */
export type StatusTone = 'continue' | 'ok' | 'error';

export interface DiagramMessage {
  from: Side;
  label: MessageLabel;
  /**
   * The transport's status on this leg (`HTTP 401 Unauthorized`, `STATUS_SUCCESS`), drawn as the
   * label's last line; only an observed exchange has one.
   */
  status?: { text: string; tone: StatusTone };
  /** The mechListMIC it carries: verified by the receiver (✓) or not (✗). */
  mic?: 'verified' | 'failed';
  /** A note over the receiver after the arrow (`optimistic Kerberos AP-REQ discarded`). */
  note?: string;
  /**
   * A man in the middle relayed it (RFC 4178 §7): the arrow goes to the Attacker with what was
   * sent, and the Attacker's arrow to the receiver carries what it received, with what was rewritten.
   */
  relay?: { label: MessageLabel; rewrite: string };
}

/** How the exchange ended, drawn as a note over every lifeline after the last message. */
export interface DiagramOutcome {
  /** One line per `\n`. */
  text: string;
  tone: 'ok' | 'error';
}

/** How many arrows each message is drawn with (two for a relayed one). */
export const arrowCount = (message: DiagramMessage): number => (message.relay ? 2 : 1);

// Mermaid reads `;` and `#` as syntax and `<`/`>` as markup: labels keep to plain characters.
const clean = (text: string) => text.replace(/[^\w\s[\],.+\-:()/@'’]/g, ' ').trim();

/** A label's lines: the envelope, then what rides inside; `compact` (phones) breaks it further. */
export function labelLines(label: DiagramMessage['label'], compact: boolean): string[] {
  const envelope = compact
    ? clean(
        label.envelope.replace(' [', '\n[').replace(', supportedMech', ',\nsupportedMech'),
      ).split('\n')
    : [clean(label.envelope)];
  const inner = label.inner.map(clean);
  if (!inner.length) return envelope;
  return compact
    ? [...envelope, ...inner.map((part) => `+ ${part}`)]
    : [...envelope, `+ ${inner.join(' + ')}`];
}

/** A note's words in lines of at most `width` characters (a longer word keeps its own line). */
export function wrapWords(text: string, width = 26): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The mermaid `sequenceDiagram` for a list of messages: Client and Server, one arrow per message,
 * the envelope on the first line and what rides inside on the second.
 */
export function sequenceSource(
  messages: DiagramMessage[],
  title: string,
  compact = false,
  outcome?: DiagramOutcome,
): string {
  const attacked = messages.some((m) => m.relay);
  const lines = [
    'sequenceDiagram',
    `  accTitle: ${clean(title)}`,
    `  accDescr: ${messages.length} messages between the client (initiator) and the server (acceptor)${attacked ? ', through a man in the middle' : ''}`,
    '  autonumber',
    '  participant C as Client',
    ...(attacked ? ['  participant A as Attacker'] : []),
    '  participant S as Server',
  ];
  messages.forEach(({ from, label, status, mic, note, relay }, i) => {
    const [sender, receiver] = from === 'initiator' ? ['C', 'S'] : ['S', 'C'];
    const text = withMic(labelLines(label, compact), mic);
    if (status) text.push(clean(status.text));
    if (relay) {
      lines.push(`  ${sender}->>A: ${text.join('<br/>')}`);
      // The relayed arrow is the same step: it takes no number of its own.
      lines.push('  autonumber off');
      lines.push(
        `  A->>${receiver}: ${withMic(labelLines(relay.label, compact), mic).join('<br/>')}`,
      );
      lines.push(`  Note over A: ${clean(relay.rewrite)}`);
      lines.push(`  autonumber ${i + 2}`);
    } else lines.push(`  ${sender}->>${receiver}: ${text.join('<br/>')}`);
    // Over the receiver's lifeline and wrapped, not beside it: a note to the right of the server
    // ran past the diagram's edge where it is fitted to a presenter's 1280×720 screen.
    if (note) lines.push(`  Note over ${receiver}: ${wrapWords(clean(note)).join('<br/>')}`);
  });
  if (outcome) lines.push(`  Note over C,S: ${outcome.text.split('\n').map(clean).join('<br/>')}`);
  return lines.join('\n');
}

/** The mechListMIC part of a label with its badge: ✓ verified, ✗ refused by the receiver. */
function withMic(lines: string[], mic: DiagramMessage['mic']): string[] {
  if (!mic) return lines;
  const badge = mic === 'verified' ? 'mechListMIC ✓' : 'mechListMIC ✗';
  return lines.map((line) => line.replace(/\bmechListMIC\b/, badge));
}
