import { describe, expect, it } from 'vitest';
import { decodeToken } from '../codec/token';
import { realTokens } from './fixtures';
import { findAll, type Node } from '../codec/tree';
import {
  DIFFERENCES,
  FIELD_RULES,
  MAY_BE_ABSENT,
  NOT_COMPARED,
  PENDING_NTLM,
  type Decoded,
  type Span,
} from './wireshark-fields';

/*
 * Every field Wireshark 4.0.17 dissected and positioned in the real fixtures (`fields` and
 * `field_offsets_in_token` of fixtures/vectors/real/<scenario>/wireshark/*.fields.json), held
 * against our decoded tree: each value and each byte range, through the mapping table in
 * ./wireshark-fields.ts. A field missing from that table, or a value or range its rule does not
 * reproduce, fails; the fields we deliberately name or place differently are listed there with why.
 */

interface Difference {
  field: string;
  aspect: 'value' | 'range' | 'unmapped' | 'absent';
  detail: string;
}

const tokens = realTokens().filter((t) => t.wireshark);

/** Compares one token; returns what differs and how many occurrences were compared. */
function sweep(bytes: Uint8Array, ws: NonNullable<(typeof tokens)[number]['wireshark']>) {
  const { root, errors } = decodeToken(bytes);
  const d: Decoded = { root, bytes };
  const offsets = (ws.field_offsets_in_token ?? {}) as Record<string, Span[]>;
  const differences: Difference[] = [];
  let compared = 0;
  const fieldNames = [...new Set([...Object.keys(ws.fields), ...Object.keys(offsets)])].sort();
  for (const field of fieldNames) {
    if (field in NOT_COMPARED) continue;
    const rule = FIELD_RULES[field];
    if (!rule) {
      differences.push({ field, aspect: 'unmapped', detail: 'no rule and no listed difference' });
      continue;
    }
    const matches = rule.find(d);
    const values = ws.fields[field];
    if (values) {
      const theirs = values.map((v) => (rule.theirs ? rule.theirs(v) : v));
      const ours = matches.map((m) => m.value);
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        differences.push({
          field,
          aspect: 'value',
          detail: `ours ${JSON.stringify(ours)}, Wireshark ${JSON.stringify(theirs)}`,
        });
      compared += values.length;
    }
    const spans = offsets[field];
    if (spans) {
      const ours = matches.map((m) => [m.span.offset, m.span.length]);
      const theirs = spans.map((s) => [s.offset, s.length]);
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        differences.push({
          field,
          aspect: 'range',
          detail: `ours ${JSON.stringify(ours)}, Wireshark ${JSON.stringify(theirs)}`,
        });
      compared += spans.length;
    }
  }
  // What we show and Wireshark does not: a node a rule finds must have its field in the dissection.
  for (const [field, rule] of Object.entries(FIELD_RULES)) {
    if (fieldNames.includes(field) || field in MAY_BE_ABSENT) continue;
    const found = rule.find(d);
    if (found.length)
      differences.push({ field, aspect: 'absent', detail: `ours ${found.length}, Wireshark none` });
  }
  return { errors, differences, compared };
}

/** Pending NTLM differences seen over all fixtures: `field/aspect`. */
const pendingSeen = new Set<string>();
const fieldsSeen = new Set<string>();
let comparedTotal = 0;

describe('every field Wireshark 4.0.17 positions in the real fixtures', () => {
  it('has the dissected fixtures', () => expect(tokens.length).toBeGreaterThanOrEqual(85));

  for (const t of tokens) {
    it(`${t.scenario}/${t.name}`, () => {
      const ws = t.wireshark!;
      for (const k of [...Object.keys(ws.fields), ...Object.keys(ws.field_offsets_in_token ?? {})])
        fieldsSeen.add(k);
      const { errors, differences, compared } = sweep(t.bytes, ws);
      comparedTotal += compared;
      expect(errors).toEqual([]);
      const unexpected = differences.filter((x) => {
        const pending = PENDING_NTLM[x.field];
        if (
          pending &&
          x.aspect !== 'unmapped' &&
          (pending.aspects as string[]).includes(x.aspect)
        ) {
          pendingSeen.add(`${x.field}/${x.aspect}`);
          return false;
        }
        return true;
      });
      expect(unexpected).toEqual([]);
    });
  }

  it('compares every occurrence the fixtures hold', () => {
    // 6024 values and ranges when the sweep was written (90 dissected tokens): raise it with new fixtures.
    expect(comparedTotal).toBeGreaterThanOrEqual(6024);
  });

  it('lists each difference once, with a rule, and only while a fixture shows it', () => {
    expect(Object.keys(DIFFERENCES).filter((f) => !FIELD_RULES[f])).toEqual([]);
    expect(Object.keys(NOT_COMPARED).filter((f) => FIELD_RULES[f])).toEqual([]);
    const listed = [
      ...Object.keys(DIFFERENCES),
      ...Object.keys(NOT_COMPARED),
      ...Object.keys(MAY_BE_ABSENT),
    ];
    expect(listed.filter((f) => !fieldsSeen.has(f))).toEqual([]);
    // Pending NTLM gaps that now match Wireshark: remove them from PENDING_NTLM.
    const fixed = Object.entries(PENDING_NTLM).flatMap(([field, p]) =>
      p.aspects.map((a) => `${field}/${a}`).filter((k) => !pendingSeen.has(k)),
    );
    expect(fixed).toEqual([]);
  });
});

describe('NTLM payload fields pointing into the fixed header', () => {
  /** NEGOTIATE messages with a descriptor whose BufferOffset points into the 32-byte fixed part. */
  const overlapping = tokens
    .map((t) => ({ t, decoded: decodeToken(t.bytes) }))
    .flatMap(({ t, decoded }) =>
      findAll(decoded.root, 'NEGOTIATE_MESSAGE').flatMap((m) =>
        (m.children ?? [])
          .filter((c) => c.name.endsWith('Fields'))
          .filter((c) => (c.children!.find((x) => x.name === 'BufferOffset')!.value as number) < 32)
          .map((fields) => ({ t, decoded, message: m, fields })),
      ),
    );

  it('has gss-ntlmssp NEGOTIATEs whose empty fields point at offset 0', () => {
    expect(overlapping.length).toBeGreaterThanOrEqual(18);
  });

  // No fixture holds a non-empty item overlapping the fixed header (Heimdal's own NTLM is not in
  // the corpus: its NEGOTIATE in heimdal-* is gss-ntlmssp's), so the warning is checked when it has bytes.
  it('decodes a payload field pointing into the fixed header as a node, not an error', () => {
    for (const { decoded, message, fields } of overlapping) {
      expect(decoded.errors).toEqual([]);
      const name = fields.name.slice(0, -'Fields'.length);
      const item = findAll(message, name).find((n: Node) => n !== fields);
      expect(item, name).toBeDefined();
      if (item!.length > 0) {
        const warnings = [...(item!.warnings ?? []), ...(fields.warnings ?? [])];
        expect(warnings.join(' ')).toMatch(/overlap|fixed/i);
      }
    }
  });
});
