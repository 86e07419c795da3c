// The few host globals the pure core relies on. Both Node (>= 18) and every browser provide
// them; declaring them here keeps DOM and Node typings out of src/codec, src/crypto, src/protocol.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function atob(data: string): string;
declare function btoa(data: string): string;
