import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ETYPES } from '../../data/kerberos';
import { secretsCount, useSecretsStore } from '../../store/secrets';
import { Icon } from '../common/Icon';

/** The encryption types the analysis decrypts (RFC 3962, RFC 8009, RFC 4757, RFC 6803). */
const KEY_ETYPES = [18, 17, 20, 19, 23, 26, 25];

export const SECRETS_SENTENCE =
  'Secrets stay in this tab: they are never stored, never sent, never put in a link, and are forgotten when you reload.';

/** A labelled input with its Add button; a refused value's reason is shown at the field. */
function SecretField({
  label,
  type = 'text',
  placeholder,
  onAdd,
  before,
}: {
  label: string;
  type?: 'text' | 'password';
  placeholder: string;
  /** Returns the error to show, or null when the value was taken. */
  onAdd(text: string): string | null;
  before?: ReactNode;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = onAdd(text);
    setError(problem);
    if (problem === null) setText('');
  };
  return (
    <form className="secret-field" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <div className="secret-input">
        {before}
        <input
          id={id}
          type={type}
          value={text}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? `${id}-error` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="tool-button" disabled={text.trim() === ''}>
          Add
        </button>
      </div>
      {error !== null && (
        <p id={`${id}-error`} className="error field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function KeytabField() {
  const id = useId();
  const addKeytab = useSecretsStore((s) => s.addKeytab);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="secret-field">
      <label htmlFor={id}>Keytab file (MIT format)</label>
      <input
        id={id}
        type="file"
        aria-invalid={error !== null}
        aria-describedby={error !== null ? `${id}-error` : undefined}
        onChange={async (e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          if (!file) return;
          const result = await addKeytab(file.name, new Uint8Array(await file.arrayBuffer()));
          setError(result.ok ? null : result.error);
          // The same file may be picked again after a Forget.
          input.value = '';
        }}
      />
      {error !== null && (
        <p id={`${id}-error`} className="error field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function KeyField() {
  const id = useId();
  const addKey = useSecretsStore((s) => s.addKey);
  const [etype, setEtype] = useState(18);
  return (
    <SecretField
      label="Kerberos key (hex)"
      placeholder={`${ETYPES[etype]}: hex digits`}
      onAdd={(hex) => {
        const r = addKey(etype, hex);
        return r.ok ? null : r.error;
      }}
      before={
        <>
          <label htmlFor={id} className="visually-hidden">
            Encryption type of the key
          </label>
          <select id={id} value={etype} onChange={(e) => setEtype(Number(e.target.value))}>
            {KEY_ETYPES.map((t) => (
              <option key={t} value={t}>
                {t} {ETYPES[t]}
              </option>
            ))}
          </select>
        </>
      }
    />
  );
}

/** What is loaded, without showing a secret's value. */
function Loaded() {
  const { passwords, ntHashes, keytabs, keys, remove } = useSecretsStore();
  const item = (id: number, text: string, children?: ReactNode) => (
    <li key={id}>
      <span>{text}</span>
      <button
        type="button"
        className="mini-button"
        aria-label={`Remove ${text}`}
        onClick={() => remove(id)}
      >
        Remove
      </button>
      {children}
    </li>
  );
  return (
    <ul className="secrets-loaded" aria-label="Secrets loaded">
      {passwords.map((p) => item(p.id, p.user ? `password of ${p.user}` : 'a password'))}
      {ntHashes.map((h) => item(h.id, h.user ? `NT hash of ${h.user}` : 'an NT hash'))}
      {keys.map((k) => item(k.id, `${ETYPES[k.etype] ?? `etype ${k.etype}`} key`))}
      {keytabs.map((k) =>
        item(
          k.id,
          `keytab ${k.name} (${k.entries.length} ${k.entries.length === 1 ? 'key' : 'keys'})`,
          // Scrolled with the keyboard too: it takes focus.
          <div
            className="keytab-entries"
            role="region"
            aria-label={`${k.name} entries`}
            tabIndex={0}
          >
            {k.damage && (
              <p className="warning">
                The file is damaged ({k.damage}); the keys before it are used.
              </p>
            )}
            <table aria-label={`Keys in ${k.name}`}>
              <thead>
                <tr>
                  <th scope="col">Principal</th>
                  <th scope="col">kvno</th>
                  <th scope="col">Encryption type</th>
                </tr>
              </thead>
              <tbody>
                {k.entries.map((e, i) => (
                  <tr key={i}>
                    <td className="mono">{e.principal}</td>
                    <td>{e.kvno}</td>
                    <td>
                      {e.etype} {e.etypeName}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>,
        ),
      )}
    </ul>
  );
}

/**
 * Passwords, NT hashes, keytabs and keys for verifying and decrypting the exchange: held in this
 * tab's memory only (store/secrets.ts) and handed to the analysis worker with each request.
 */
export function SecretsPanel() {
  const count = useSecretsStore(secretsCount);
  const addPassword = useSecretsStore((s) => s.addPassword);
  const addNtHash = useSecretsStore((s) => s.addNtHash);
  const forget = useSecretsStore((s) => s.forget);
  return (
    <section className="secrets-panel" aria-label="Secrets">
      <details>
        <summary>
          <Icon name="lock" /> Secrets: verify and decrypt with a password, NT hash, keytab or key
          {count > 0 && <span className="secrets-count"> · {count} loaded</span>}
        </summary>
        <div className="secrets-body">
          <p className="privacy-note">{SECRETS_SENTENCE}</p>
          <div className="secret-fields">
            <SecretField
              label="Password ([user=]password)"
              type="password"
              placeholder="alice=password"
              onAdd={(text) => {
                const r = addPassword(text);
                return r.ok ? null : r.error;
              }}
            />
            <SecretField
              label="NT hash ([user=]32 hex digits)"
              placeholder="alice=8846f7eaee8fb117ad06bdd830b7586c"
              onAdd={(text) => {
                const r = addNtHash(text);
                return r.ok ? null : r.error;
              }}
            />
            <KeytabField />
            <KeyField />
          </div>
          {count > 0 && <Loaded />}
          <button type="button" className="tool-button" disabled={count === 0} onClick={forget}>
            Forget secrets
          </button>
        </div>
      </details>
    </section>
  );
}
