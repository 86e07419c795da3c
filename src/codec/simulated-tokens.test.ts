import { describe, expect, it } from 'vitest';
import { decodeToken } from './token';
import { checkTreeInvariants } from '../testing/invariants';
import { listScenarios, simulate } from '../protocol';
import { fromBase64 } from '../bytes';

/** The inspector shows every simulated token: each must decode cleanly and keep the tree invariants. */
const VARIANTS = [{}, { profile: 'windows' as const }, { transport: 'smb' as const }];

describe('every simulated token decodes in the inspector', () => {
  for (const { id } of listScenarios()) {
    it(`${id}: no error, no warning, the tree invariants hold`, () => {
      for (const patch of VARIANTS) {
        for (const step of simulate(id, patch).steps) {
          const bytes = fromBase64(step.token);
          // SMB2's empty security blob on a failed SESSION_SETUP is no token (MS-SMB2 §3.3.5.5.3).
          if (step.message === 'empty') {
            expect(bytes.length).toBe(0);
            continue;
          }
          const { root, errors, warnings } = decodeToken(bytes);
          expect(errors).toEqual([]);
          expect(warnings).toEqual([]);
          expect(checkTreeInvariants(root, bytes.length)).toEqual([]);
        }
      }
    });
  }
});
