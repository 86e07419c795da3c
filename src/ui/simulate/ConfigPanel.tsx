import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { MechName } from '../../protocol';
import {
  GSS_REQUEST_FLAGS,
  KRB_ETYPES,
  requests,
  type ConfigPatch,
  type GssRequestFlag,
  type ImplementationName,
  type KrbEtype,
  type SimConfig,
  validateConfig,
  withPatch,
} from '../../protocol/config';
import { ETYPES } from '../../data/kerberos';
import { implementationOf, PROFILES } from '../../protocol/profiles';
import { isModified } from '../../store/config-diff';
import { scenarioDefaults, useSimulationStore } from '../../store/simulation';

const MECH_TITLES: Record<MechName, string> = {
  kerberos: 'Kerberos',
  ntlm: 'NTLM',
  negoex: 'NEGOEX (Kerberos inside)',
};
const ALL_MECHS: MechName[] = ['kerberos', 'ntlm', 'negoex'];
const REQUEST_FLAG_TITLES: Record<GssRequestFlag, string> = {
  replay: 'replay detection',
  sequence: 'sequence checking',
  conf: 'confidentiality (sealing)',
  integ: 'integrity (signing)',
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}

/** A value typed at a field that the run cannot take: kept in the field, with why. */
interface Invalid {
  value: string;
  message: string;
}

/**
 * A typed setting. An invalid value stays in the field, marked (aria-invalid) and explained
 * beside it, while the run keeps the last valid one.
 */
function TextField({
  label,
  value,
  invalid,
  onInput,
  type = 'text',
  min,
}: {
  label: string;
  value: string | number;
  invalid: Invalid | undefined;
  onInput(raw: string): void;
  type?: 'text' | 'number';
  min?: number;
}) {
  const id = useId();
  // The message sits outside the label: it describes the field, it is not part of its name.
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type={type}
        min={min}
        value={invalid ? invalid.value : value}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => onInput(e.target.value)}
      />
      {invalid && (
        <span id={`${id}-error`} className="field-error">
          {invalid.message} The run still uses {JSON.stringify(String(value))}.
        </span>
      )}
    </div>
  );
}

function Check({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      {label}
    </label>
  );
}

/** Which mechanisms a side uses and in which order: tick to use, arrows to reorder. */
function MechOrder({
  side,
  mechs,
  onChange,
}: {
  side: string;
  mechs: MechName[];
  onChange(mechs: MechName[]): void;
}) {
  const rows = [...mechs, ...ALL_MECHS.filter((m) => !mechs.includes(m))];
  const move = (mech: MechName, by: number) => {
    const i = mechs.indexOf(mech);
    const next = [...mechs];
    next.splice(i, 1);
    next.splice(i + by, 0, mech);
    onChange(next);
  };
  return (
    <fieldset className="mech-order">
      <legend>{side} mechanisms, most preferred first</legend>
      <ol>
        {rows.map((mech) => {
          const i = mechs.indexOf(mech);
          const used = i >= 0;
          return (
            <li key={mech} className={used ? '' : 'unused'}>
              <Check
                label={MECH_TITLES[mech]}
                checked={used}
                onChange={(on) => onChange(on ? [...mechs, mech] : mechs.filter((m) => m !== mech))}
              />
              <button
                type="button"
                className="mini-button"
                aria-label={`Move ${MECH_TITLES[mech]} up in the ${side.toLowerCase()} list`}
                disabled={!used || i === 0}
                onClick={() => move(mech, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="mini-button"
                aria-label={`Move ${MECH_TITLES[mech]} down in the ${side.toLowerCase()} list`}
                disabled={!used || i === mechs.length - 1}
                onClick={() => move(mech, 1)}
              >
                ↓
              </button>
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}

/** A password that may be absent (null): a checkbox for "has one", then the text. */
function OptionalPassword({
  label,
  present,
  value,
  onChange,
}: {
  label: string;
  present: string;
  value: string | null;
  onChange(value: string | null): void;
}) {
  return (
    <div className="optional-password">
      <Check
        label={present}
        checked={value !== null}
        onChange={(on) => onChange(on ? 'Passw0rd!' : null)}
      />
      {value !== null && (
        <Field label={label}>
          <input type="text" value={value} onChange={(e) => onChange(e.target.value)} />
        </Field>
      )}
    </div>
  );
}

/**
 * Edits the scenario's configuration: every change recomputes the run at once (the engine runs in
 * a worker) and the diagram follows.
 */
export function ConfigPanel({
  id,
  onClose,
  summary,
}: {
  id: string;
  onClose(): void;
  /** What the changes made so far amount to, shown under the drawer's title. */
  summary?: ReactNode;
}) {
  const config = useSimulationStore((s) => s.config);
  const scenarioId = useSimulationStore((s) => s.scenarioId);
  const patchConfig = useSimulationStore((s) => s.patchConfig);
  const resetConfig = useSimulationStore((s) => s.resetConfig);
  const [invalid, setInvalid] = useState<Record<string, Invalid>>({});
  const closeButton = useRef<HTMLButtonElement>(null);
  // Opening the drawer takes the focus into it; Escape or Close gives it back. Escape is heard
  // wherever the focus is (a button that just became disabled leaves it on the page).
  useEffect(() => closeButton.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const patch = (p: ConfigPatch) => void patchConfig(p);
  /**
   * A typed value for the setting at `path` (as validateConfig names it): applied when the
   * configuration stays valid, else kept at its field with validateConfig's reason.
   */
  const typed = (path: string, raw: string, p: ConfigPatch | string) => {
    const problem =
      typeof p === 'string'
        ? p
        : validateConfig(withPatch(config, p))
            .find((m) => m.startsWith(`${path} `))
            ?.slice(path.length + 1);
    if (problem) {
      const message = `${problem[0].toUpperCase()}${problem.slice(1)}.`;
      setInvalid((all) => ({ ...all, [path]: { value: raw, message } }));
      return;
    }
    setInvalid((all) => Object.fromEntries(Object.entries(all).filter(([k]) => k !== path)));
    if (typeof p !== 'string') patch(p);
  };
  /** A number typed at `path`; an empty or non-numeric field is reported there. */
  const typedNumber = (path: string, raw: string, make: (n: number) => ConfigPatch) =>
    typed(
      path,
      raw,
      raw.trim() === '' || !Number.isFinite(Number(raw)) ? 'enter a number' : make(Number(raw)),
    );
  const initiator = (p: Partial<SimConfig['initiator']>) => patch({ initiator: p });
  const acceptor = (p: Partial<SimConfig['acceptor']>) => patch({ acceptor: p });
  const kerberos = (p: Partial<SimConfig['kerberos']>) => patch({ kerberos: p });
  const modified = isModified(scenarioDefaults(scenarioId), config);

  return (
    <section id={id} className="config-panel drawer" aria-label="Configuration">
      {/* Title, Close and what the changes amount to stay in view while the fields scroll. */}
      <div className="drawer-top">
        <div className="drawer-head">
          <h2>Configure</h2>
          <button ref={closeButton} type="button" className="tool-button" onClick={onClose}>
            Close
          </button>
        </div>
        {summary}
      </div>
      <fieldset>
        <legend>Exchange</legend>
        {/* Implementations per side: `profile` sets both, a side's own choice overrides it. */}
        <Field label="Both sides behave as">
          <select
            value={config.profile}
            onChange={(e) =>
              patch({
                profile: e.target.value as SimConfig['profile'],
                initiator: { implementation: undefined },
                acceptor: { implementation: undefined },
              })
            }
          >
            {Object.values(PROFILES).map((p) => (
              <option key={p.name} value={p.name}>
                {p.title}
              </option>
            ))}
          </select>
        </Field>
        {(['initiator', 'acceptor'] as const).map((side) => (
          <Field
            key={side}
            label={side === 'initiator' ? 'Client implementation' : 'Server implementation'}
          >
            <select
              value={implementationOf(config, side)}
              onChange={(e) =>
                patch({ [side]: { implementation: e.target.value as ImplementationName } })
              }
            >
              {Object.values(PROFILES).map((p) => (
                <option key={p.name} value={p.name}>
                  {p.title}
                </option>
              ))}
            </select>
          </Field>
        ))}
        <Field label="Transport">
          <select
            value={config.transport}
            onChange={(e) => patch({ transport: e.target.value as SimConfig['transport'] })}
          >
            <option value="http">HTTP Negotiate (client speaks first)</option>
            <option value="smb">SMB2 (server speaks first, SESSION_SETUP statuses)</option>
            <option value="http-ntlm">HTTP NTLM scheme (raw NTLM, no SPNEGO)</option>
            <option value="bare">Bare mechanism (raw Kerberos or NTLM, no SPNEGO)</option>
          </select>
        </Field>
        <fieldset className="request-flags">
          <legend>Client asks for (GSS request flags)</legend>
          {GSS_REQUEST_FLAGS.map((flag) => (
            <Check
              key={flag}
              label={REQUEST_FLAG_TITLES[flag]}
              checked={requests(config, flag)}
              onChange={(on) =>
                initiator({
                  requestFlags: GSS_REQUEST_FLAGS.filter((f) =>
                    f === flag ? on : requests(config, f),
                  ),
                })
              }
            />
          ))}
          <Check
            label="NEGOEX package installed (a Windows client lists NEGOEX)"
            checked={config.initiator.negoex === true}
            onChange={(on) => initiator({ negoex: on })}
          />
        </fieldset>
        <TextField
          label="Realm"
          value={config.realm}
          invalid={invalid['realm']}
          onInput={(raw) => typed('realm', raw, { realm: raw })}
        />
        <TextField
          label="NTLM domain"
          value={config.ntlmDomain}
          invalid={invalid['ntlmDomain']}
          onInput={(raw) => typed('ntlmDomain', raw, { ntlmDomain: raw })}
        />
        <TextField
          label="Client clock (ISO-8601)"
          value={config.time}
          invalid={invalid['time']}
          onInput={(raw) => typed('time', raw, { time: raw })}
        />
        <TextField
          label="Random seed"
          type="number"
          value={config.seed}
          invalid={invalid['seed']}
          onInput={(raw) => typedNumber('seed', raw, (seed) => ({ seed }))}
        />
      </fieldset>

      <fieldset className="side-initiator">
        <legend>Client (initiator)</legend>
        <TextField
          label="User"
          value={config.initiator.user}
          invalid={invalid['initiator.user']}
          onInput={(raw) => typed('initiator.user', raw, { initiator: { user: raw } })}
        />
        <TextField
          label="Client host"
          value={config.initiator.host}
          invalid={invalid['initiator.host']}
          onInput={(raw) => typed('initiator.host', raw, { initiator: { host: raw } })}
        />
        <MechOrder
          side="Client"
          mechs={config.initiator.mechs}
          onChange={(mechs) => initiator({ mechs })}
        />
        <Check
          label="Holds a Kerberos ticket for the service"
          checked={config.initiator.kerberosTicket}
          onChange={(kerberosTicket) => initiator({ kerberosTicket })}
        />
        <OptionalPassword
          label="Client’s NTLM password"
          present="Knows an NTLM password"
          value={config.initiator.ntlmPassword}
          onChange={(ntlmPassword) => initiator({ ntlmPassword })}
        />
        <Check
          label="Optimistic token in NegTokenInit"
          checked={config.initiator.optimistic}
          onChange={(optimistic) => initiator({ optimistic })}
        />
        <Check
          label="Mutual authentication"
          checked={config.initiator.mutual}
          onChange={(mutual) => initiator({ mutual })}
        />
        <Check
          label="Delegate credentials"
          checked={config.initiator.delegation}
          onChange={(delegation) => initiator({ delegation })}
        />
      </fieldset>

      <fieldset className="side-acceptor">
        <legend>Server (acceptor)</legend>
        <TextField
          label="Service class"
          value={config.acceptor.service}
          invalid={invalid['acceptor.service']}
          onInput={(raw) => typed('acceptor.service', raw, { acceptor: { service: raw } })}
        />
        <TextField
          label="Server host"
          value={config.acceptor.host}
          invalid={invalid['acceptor.host']}
          onInput={(raw) => typed('acceptor.host', raw, { acceptor: { host: raw } })}
        />
        <MechOrder
          side="Server"
          mechs={config.acceptor.mechs}
          onChange={(mechs) => acceptor({ mechs })}
        />
        <Check
          label="Holds the service key (keytab)"
          checked={config.acceptor.kerberosKey}
          onChange={(kerberosKey) => acceptor({ kerberosKey })}
        />
        <Check
          label="Runs NEGOEX (Windows; MIT krb5 1.18+ with a NEGOEX mechanism)"
          checked={config.acceptor.negoex === true}
          onChange={(on) => acceptor({ negoex: on })}
        />
        <OptionalPassword
          label="Password the server holds for the user"
          present="Knows the user’s NTLM password"
          value={config.acceptor.ntlmPassword}
          onChange={(ntlmPassword) => acceptor({ ntlmPassword })}
        />
      </fieldset>

      <fieldset className="kerberos-options">
        <legend>Kerberos</legend>
        <Field label="Ticket encryption type (service key)">
          <select
            value={config.kerberos.etype}
            onChange={(e) => kerberos({ etype: Number(e.target.value) as KrbEtype })}
          >
            {KRB_ETYPES.map((e) => (
              <option key={e} value={e}>
                {e} {ETYPES[e]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Session key encryption type">
          <select
            value={config.kerberos.sessionEtype ?? ''}
            onChange={(e) =>
              kerberos({
                sessionEtype: e.target.value === '' ? null : (Number(e.target.value) as KrbEtype),
              })
            }
          >
            <option value="">as the ticket</option>
            {KRB_ETYPES.map((e) => (
              <option key={e} value={e}>
                {e} {ETYPES[e]}
              </option>
            ))}
          </select>
        </Field>
        <TextField
          label="Service key version (kvno)"
          type="number"
          min={1}
          value={config.kerberos.kvno}
          invalid={invalid['kerberos.kvno']}
          onInput={(raw) => typedNumber('kerberos.kvno', raw, (kvno) => ({ kerberos: { kvno } }))}
        />
        <Field label="Server keytab holds">
          <select
            value={config.kerberos.keytab}
            onChange={(e) =>
              kerberos({ keytab: e.target.value as SimConfig['kerberos']['keytab'] })
            }
          >
            <option value="current">the service’s current key</option>
            <option value="missing">keys for other principals only</option>
            <option value="old-kvno">an older key version</option>
            <option value="wrong-key">a key that is not the KDC’s</option>
          </select>
        </Field>
        <Check
          label="The KDC knows the service name (SPN)"
          checked={config.kerberos.kdcKnowsService}
          onChange={(kdcKnowsService) => kerberos({ kdcKnowsService })}
        />
        <Check
          label="The client’s TGT is forwardable"
          checked={config.kerberos.forwardableTgt}
          onChange={(forwardableTgt) => kerberos({ forwardableTgt })}
        />
        <Field label="Channel bindings">
          <select
            value={config.kerberos.channelBindings}
            onChange={(e) =>
              kerberos({
                channelBindings: e.target.value as SimConfig['kerberos']['channelBindings'],
              })
            }
          >
            <option value="none">none</option>
            <option value="tls-server-end-point">tls-server-end-point (RFC 5929)</option>
          </select>
        </Field>
        {config.kerberos.channelBindings !== 'none' && (
          <TextField
            label="Certificate hash the client saw (hex)"
            value={config.kerberos.certificateHash}
            invalid={invalid['kerberos.certificateHash']}
            onInput={(raw) =>
              typed('kerberos.certificateHash', raw, { kerberos: { certificateHash: raw } })
            }
          />
        )}
        <Field label="Server’s channel bindings">
          <select
            value={config.kerberos.acceptorBindings}
            onChange={(e) =>
              kerberos({
                acceptorBindings: e.target.value as SimConfig['kerberos']['acceptorBindings'],
              })
            }
          >
            <option value="same">the same channel as the client’s</option>
            <option value="none">none</option>
            <option value="other-certificate">another certificate (a TLS proxy)</option>
          </select>
        </Field>
        <Check
          label="DCE style (three legs, no GSS framing)"
          checked={config.kerberos.dceStyle ?? false}
          onChange={(dceStyle) => kerberos({ dceStyle })}
        />
        <Check
          label="The AP-REQ is a replay"
          checked={config.faults.replay ?? false}
          onChange={(replay) => patch({ faults: { replay } })}
        />
        <Check
          label="A byte of the ticket is changed on the way"
          checked={config.faults.modifiedTicket ?? false}
          onChange={(modifiedTicket) => patch({ faults: { modifiedTicket } })}
        />
        <Check
          label="The PAC is changed after the KDC signed it"
          checked={config.faults.modifiedPac ?? false}
          onChange={(modifiedPac) => patch({ faults: { modifiedPac } })}
        />
      </fieldset>

      {/* config.ntlm: the NTLM versions each side sends and accepts, anonymous logon, Extended Protection. */}
      <fieldset className="ntlm-options">
        <legend>NTLM</legend>
        <Field label="Client LmCompatibilityLevel (what it sends)">
          <select
            value={config.ntlm?.lmCompatibilityLevel ?? 3}
            onChange={(e) =>
              patch({
                ntlm: {
                  lmCompatibilityLevel: Number(e.target.value) as NonNullable<
                    SimConfig['ntlm']
                  >['lmCompatibilityLevel'],
                },
              })
            }
          >
            <option value={0}>0: LM and NTLMv1</option>
            <option value={1}>1: LM and NTLMv1, extended session security if negotiated</option>
            <option value={2}>2: NTLMv1 only, extended session security if negotiated</option>
            <option value={3}>3: NTLMv2 only</option>
            <option value={4}>4: NTLMv2 only</option>
            <option value={5}>5: NTLMv2 only</option>
          </select>
        </Field>
        <Field label="Server's domain controller LmCompatibilityLevel (what it accepts)">
          <select
            value={config.ntlm?.acceptorLmCompatibilityLevel ?? 3}
            onChange={(e) =>
              patch({
                ntlm: {
                  acceptorLmCompatibilityLevel: Number(e.target.value) as NonNullable<
                    SimConfig['ntlm']
                  >['lmCompatibilityLevel'],
                },
              })
            }
          >
            <option value={0}>0–3: LM, NTLMv1 and NTLMv2</option>
            <option value={4}>4: refuses LM</option>
            <option value={5}>5: refuses LM and NTLMv1</option>
          </select>
        </Field>
        <Check
          label="The client logs on anonymously"
          checked={config.ntlm?.anonymous ?? false}
          onChange={(anonymous) => patch({ ntlm: { anonymous } })}
        />
        <Check
          label="The server accepts anonymous logons"
          checked={config.ntlm?.acceptAnonymous ?? false}
          onChange={(acceptAnonymous) => patch({ ntlm: { acceptAnonymous } })}
        />
        <Check
          label="Pass the Kerberos settings' channel bindings to NTLM too (MsvAvChannelBindings)"
          checked={config.ntlm?.channelBindings ?? false}
          onChange={(channelBindings) => patch({ ntlm: { channelBindings } })}
        />
        <Field label="Server's Extended Protection (channel bindings, target name)">
          <select
            value={config.ntlm?.extendedProtection ?? 'allow'}
            onChange={(e) =>
              patch({
                ntlm: {
                  extendedProtection: e.target.value as NonNullable<
                    SimConfig['ntlm']
                  >['extendedProtection'],
                },
              })
            }
          >
            <option value="none">none: not checked</option>
            <option value="allow">allow: checked when the client sends them</option>
            <option value="require">require: refused without them</option>
          </select>
        </Field>
        <TextField
          label="Target name the client puts in MsvAvTargetName"
          value={config.ntlm?.targetName ?? `${config.acceptor.service}/${config.acceptor.host}`}
          invalid={invalid['ntlm.targetName']}
          onInput={(raw) => typed('ntlm.targetName', raw, { ntlm: { targetName: raw } })}
        />
      </fieldset>

      <fieldset>
        <legend>Faults</legend>
        <TextField
          label="Client clock skew (seconds)"
          type="number"
          value={config.faults.clockSkewSeconds}
          invalid={invalid['faults.clockSkewSeconds']}
          onInput={(raw) =>
            typedNumber('faults.clockSkewSeconds', raw, (clockSkewSeconds) => ({
              faults: { clockSkewSeconds },
            }))
          }
        />
        <Field label="A man in the middle removes">
          <select
            value={config.faults.stripMech ?? ''}
            onChange={(e) =>
              patch({ faults: { stripMech: (e.target.value || null) as MechName | null } })
            }
          >
            <option value="">nothing</option>
            <option value="kerberos">Kerberos from the list</option>
            <option value="ntlm">NTLM from the list</option>
          </select>
        </Field>
        <button
          type="button"
          className="tool-button"
          disabled={!modified && Object.keys(invalid).length === 0}
          onClick={() => {
            setInvalid({});
            void resetConfig();
          }}
        >
          Reset to the scenario
        </button>
      </fieldset>
    </section>
  );
}
