/** Little-endian structures (NTLM, NEGOEX, the GSS checksum): the DSL in `binary/`. */
export * from './binary/index';
