/**
 * NEGOEX (MS-NEGOEX): each message described once on the binary DSL (`messages.ts`, `vectors.ts`)
 * — the decoder for concatenated messages, typed readers and byte-exact encoders.
 */
export { decodeNegoex, isNegoex, readNegoex, type NegoexMessage } from './decode';
export {
  ALERT_MESSAGE,
  EXCHANGE_MESSAGE,
  MESSAGE_HEADER,
  NEGO_MESSAGE,
  VERIFY_MESSAGE,
  type AlertMessage,
  type ExchangeMessage,
  type MessageHeader,
  type NegoMessage,
  type NegoexOptions,
  type VerifyMessage,
} from './messages';
export { ALERT_PULSE, type AlertPulse } from './vectors';
export { guidToBytes, guidToString } from './guid';
export * from './encode';
export * from '../../data/negoex';
