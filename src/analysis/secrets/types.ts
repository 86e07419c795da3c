/** What the secret openers share. */
import type { Side } from '../types';

/** A Kerberos key the analysis may try, with where it came from (shown when it opened something). */
export interface KerberosKey {
  etype: number;
  key: Uint8Array;
  /** `HTTP/web.example.test@EXAMPLE.TEST` for keytab entries and passwords given for a principal. */
  principal?: string;
  kvno?: number;
  /** `keytab entry 13`, `password of alice`, `raw key`, `session key of the ticket in step 1`… */
  source: string;
}

/** The tokens of one exchange in order, as the secret openers read them. */
export interface TokenOnWire {
  from: Side;
  token: Uint8Array;
}
