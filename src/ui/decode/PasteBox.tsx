import { useState, type DragEvent } from 'react';
import { useDecodeStore } from '../../store/decode';
import type { InputFormat } from '../../codec';

const FORMATS: { id: InputFormat | 'auto'; label: string }[] = [
  { id: 'auto', label: 'Detect automatically' },
  { id: 'base64', label: 'Base64' },
  { id: 'hex', label: 'Hex' },
  { id: 'http', label: 'HTTP headers' },
  { id: 'hexdump', label: 'Hex dump' },
  { id: 'binary', label: 'Binary' },
];

export function PasteBox() {
  const text = useDecodeStore((s) => s.text);
  const format = useDecodeStore((s) => s.format);
  const setText = useDecodeStore((s) => s.setText);
  const setFile = useDecodeStore((s) => s.setFile);
  const setFormat = useDecodeStore((s) => s.setFormat);
  const [dragging, setDragging] = useState(false);

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) setFile(file.name, new Uint8Array(await file.arrayBuffer()));
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
      <label htmlFor="paste">Paste a token</label>
      <textarea
        id="paste"
        spellCheck={false}
        placeholder="base64, hex, Authorization: Negotiate …, a whole HTTP exchange, a Wireshark hex dump — or drop a file"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={8}
      />
      <label className="inline">
        Input form{' '}
        <select value={format} onChange={(e) => setFormat(e.target.value as InputFormat | 'auto')}>
          {FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline file-pick">
        or open a file{' '}
        <input
          type="file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) setFile(file.name, new Uint8Array(await file.arrayBuffer()));
          }}
        />
      </label>
    </div>
  );
}
