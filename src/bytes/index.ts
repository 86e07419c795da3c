/** Byte helpers, each written once; the lowest layer (imports nothing). */
export * from './arrays';
export * from './base64';
export * from './hex';
export * from './integers';
export * from './text';
