import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../testing/fixtures';
import { mutationArbitrary } from '../../testing/mutations';
import { captureFile, conversation, httpMessage, v6 } from '../../testing/capture-writer';
import { CaptureReader, readCapture } from '.';

const real = ['smb-01-ntlm', 'fallback-01-krb5-to-ntlm-no-keytab', 'raw-krb5-05-dce-style'].map(
  (s) => new Uint8Array(readFileSync(join(FIXTURES, 'real', s, 'capture.pcapng'))),
);
const built = captureFile(
  conversation({
    client: { address: v6(1), port: 50000 },
    server: { address: v6(2), port: 80 },
    messages: [
      { fromClient: true, bytes: httpMessage(true, 'Authorization: Negotiate YIIBAA==') },
      {
        fromClient: false,
        bytes: httpMessage(false, 'WWW-Authenticate: Negotiate oQcwBaADCgEA', {
          chunked: true,
          body: 'x',
        }),
      },
    ],
    segmentSize: 13,
  }),
  { format: 'pcap', link: 'sll', bigEndian: true },
);

describe('capture reader on mutated captures', () => {
  it('never throws, never hangs, never fails internally', () => {
    fc.assert(
      fc.property(
        mutationArbitrary([...real, built]),
        fc.integer({ min: 1, max: 4096 }),
        (bytes, chunk) => {
          const whole = readCapture(bytes);
          expect(whole.issues.filter((i) => /internal error/.test(i.message))).toEqual([]);
          for (const i of whole.issues) expect(i.offset).toBeLessThanOrEqual(bytes.length);
          // Fed in chunks, the same result.
          const reader = new CaptureReader();
          for (let i = 0; i < bytes.length; i += chunk) reader.push(bytes.subarray(i, i + chunk));
          expect(reader.finish()).toEqual(whole);
        },
      ),
      { numRuns: 400 },
    );
  });
});
