/** The little-endian field-list DSL: see `schema.ts` for how a structure is described. */
export * from './leaf';
export * from './payload';
export * from './primitives';
export * from './schema';
export { Writer } from './writer';
