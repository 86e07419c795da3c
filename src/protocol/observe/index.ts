/** Observing-mode state machines: the simulator's rules applied to tokens seen on the wire. */
export * from './types';
export * from './mechanism';
export * from './spnego';
