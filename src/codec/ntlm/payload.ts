/** The payload placer moved to the binary DSL; NEGOEX still imports it from here until it is ported. */
export {
  decodePayload,
  firstPayloadOffset,
  readPayloadField,
  report,
  type PayloadField,
  type PayloadItem,
} from '../binary/payload';
