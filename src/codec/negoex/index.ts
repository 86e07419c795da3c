/**
 * NEGOEX (MS-NEGOEX): decoder for concatenated NEGOEX messages and byte-exact builders.
 */
export { decodeNegoex, isNegoex } from './decode';
export type { NegoexOptions } from './messages';
export { guidToBytes, guidToString } from './guid';
export * from './encode';
export * from '../../data/negoex';
