/** The PAC (MS-PAC): `readPac` gives its positioned tree, typed value and errors. */
export { readPac, PAC_BUFFER_TYPES, SIGNATURE_ROLES, type PacRead } from './pac';
export { FILETIME_NEVER, filetimeText, sidString } from './common';
export type * from './types';
