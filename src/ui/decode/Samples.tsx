import { useState } from 'react';
import { useDecodeStore } from '../../store/decode';

/** Real exchanges shipped with the site (public/samples, provenance in its README). */
const SAMPLES = [
  { file: 'http-kerberos-to-ntlm-fallback.txt', title: 'Kerberos → NTLM fallback (HTTP)' },
  { file: 'http-kerberos.txt', title: 'Kerberos with mutual authentication (HTTP)' },
  { file: 'http-kerberos-clock-skew.txt', title: 'Kerberos clock-skew error (HTTP)' },
  { file: 'ntlm-authenticate.b64', title: 'One NTLM AUTHENTICATE token' },
];

/** Loads a sample into the paste box, fetched from this site when asked. */
export function Samples() {
  const setText = useDecodeStore((s) => s.setText);
  const [failure, setFailure] = useState('');

  const load = async (file: string) => {
    try {
      const response = await fetch(`./samples/${file}`);
      if (!response.ok) throw new Error(`${response.status}`);
      setText(await response.text());
      setFailure('');
    } catch (err) {
      setFailure(`The sample could not be loaded (${err instanceof Error ? err.message : err}).`);
    }
  };

  return (
    <div className="samples">
      <label className="inline">
        Load a sample{' '}
        <select
          value=""
          onChange={(e) => {
            if (e.target.value) void load(e.target.value);
          }}
        >
          <option value="">Real tokens from MIT krb5…</option>
          {SAMPLES.map((s) => (
            <option key={s.file} value={s.file}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      {failure && (
        <span className="error" role="alert">
          {failure}
        </span>
      )}
    </div>
  );
}
