import { toBase64 } from '../bytes';
import { captureFile, conversation, httpMessage } from './capture-writer';

/**
 * A classic pcap of HTTP over TCP/IPv4/Ethernet carrying Negotiate tokens in `Authorization` /
 * `WWW-Authenticate` headers, one frame per token, so tshark can dissect our tokens (tests,
 * bench). Built with the test capture writer. Test and bench only (Node).
 */
export interface HttpToken {
  from: 'initiator' | 'acceptor';
  token: Uint8Array;
  scheme?: string;
}

export function negotiatePcap(tokens: HttpToken[], { perConnection = Infinity } = {}): Uint8Array {
  const packets: Uint8Array[] = [];
  for (let i = 0, port = 40001; i < tokens.length; i += perConnection, port++) {
    const messages = tokens.slice(i, i + perConnection).map((t) => {
      const fromClient = t.from === 'initiator';
      const header = `${fromClient ? 'Authorization' : 'WWW-Authenticate'}: ${t.scheme ?? 'Negotiate'} ${toBase64(t.token)}`;
      return { fromClient, bytes: httpMessage(fromClient, header) };
    });
    packets.push(
      ...conversation({
        client: { address: [127, 0, 0, 1], port },
        server: { address: [127, 0, 0, 2], port: 80 },
        messages,
        isn: [1000, 5000],
        handshake: false,
        close: false,
      }),
    );
  }
  return captureFile(packets, { format: 'pcap' });
}
