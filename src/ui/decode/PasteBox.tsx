import { useState, type DragEvent } from 'react';
import { isCaptureFile, useAnalysisStore } from '../../store/analysis';
import { shareable, useDecodeStore } from '../../store/decode';
import { formatLink } from '../../store/link';
import { exchangePlayback, usePlayback } from '../../store/playback';
import type { InputFormat } from '../../codec';
import { copyText } from '../common/clipboard';
import { Icon } from '../common/Icon';
import { EmbedSnippet } from '../embed/EmbedSnippet';
import { Samples } from './Samples';

const FORMATS: { id: InputFormat | 'auto'; label: string }[] = [
  { id: 'auto', label: 'Detect automatically' },
  { id: 'base64', label: 'Base64' },
  { id: 'hex', label: 'Hex' },
  { id: 'http', label: 'HTTP headers' },
  { id: 'hexdump', label: 'Hex dump' },
  { id: 'binary', label: 'Binary' },
];

/**
 * A dropped or picked file: a capture (pcap, pcapng) is read as a capture, a chunk at a time in
 * the worker; anything else is read whole as a paste.
 */
async function openFile(file: File): Promise<void> {
  if (await isCaptureFile(file)) {
    useAnalysisStore.getState().openCapture(file, file.name);
    return;
  }
  useDecodeStore.getState().setFile(file.name, new Uint8Array(await file.arrayBuffer()));
}

/** The textarea, the drop zone, the input form, a file picker and the share-link button. */
export function PasteBox() {
  const text = useDecodeStore((s) => s.text);
  const format = useDecodeStore((s) => s.format);
  const hasInput = useDecodeStore((s) => s.result !== null);
  const setText = useDecodeStore((s) => s.setText);
  const setFormat = useDecodeStore((s) => s.setFormat);
  const share = useDecodeStore((s) => s.share);
  const shared = useDecodeStore((s) => s.shared);
  const input = useDecodeStore((s) => s.input);
  const step = usePlayback(exchangePlayback, (s) => s.index);
  const [dragging, setDragging] = useState(false);
  const [shareStatus, setShareStatus] = useState('');

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) await openFile(file);
  };

  const onShare = async () => {
    share();
    // The store has written the paste into the address bar's hash by now.
    const copied = await copyText(window.location.href);
    setShareStatus(
      copied
        ? 'Link copied. It contains the token: share it only with people who may see it.'
        : 'The link in the address bar now contains the token.',
    );
  };

  return (
    <div
      className={`paste-box ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label htmlFor="paste" className="paste-label">
        Paste a token
      </label>
      <textarea
        id="paste"
        spellCheck={false}
        autoComplete="off"
        placeholder="base64, hex, Authorization: Negotiate …, a whole HTTP exchange, a curl -v log, a HAR export, a Wireshark hex dump — or drop a file or a pcap/pcapng capture here"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setShareStatus('');
        }}
        rows={6}
      />
      <div className="paste-options">
        <label className="inline">
          Input form{' '}
          <select
            value={format}
            onChange={(e) => setFormat(e.target.value as InputFormat | 'auto')}
          >
            {FORMATS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline file-pick">
          Open a file or capture{' '}
          <input
            type="file"
            onChange={async (e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (file) await openFile(file);
              // The same file can be opened again.
              input.value = '';
            }}
          />
        </label>
        <Samples />
        <button type="button" className="tool-button" disabled={!hasInput} onClick={onShare}>
          <Icon name="link" /> Share link
        </button>
        {/* A frame's address carries the paste like a link: offered only once it is shared. */}
        <EmbedSnippet
          hash={
            shared
              ? formatLink({
                  view: 'decode',
                  ...shareable({ input, format }),
                  step: step || undefined,
                })
              : ''
          }
          title="SPNEGO Lab: decoded tokens"
          unavailable={
            shared
              ? undefined
              : 'Press “Share link” first: an embedded frame carries the token in its address.'
          }
        />
      </div>
      <p className="privacy-note">
        <Icon name="lock" /> Decoded in this page: nothing you paste or drop leaves your browser,
        and it goes into the link (or an embed snippet) only if you press “Share link”.
      </p>
      {shareStatus && (
        <p className="share-status" role="status">
          {shareStatus}
        </p>
      )}
    </div>
  );
}
