/** MIT keytab files (versions 1 and 2): `readKeytab` (typed value, tree, errors), `encodeKeytab`. */
export {
  KEYTAB,
  readKeytab,
  encodeKeytab,
  type Keytab,
  type KeytabEntry,
  type KeytabEntryLayout,
  type KeytabHole,
  type KeytabPrincipal,
  type KeytabRead,
} from './keytab';
