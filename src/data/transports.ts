/** Status tables of the protocols that carry Negotiate tokens: SMB2 and LDAP. */

/** NT status names (MS-ERREF §2.3.1) for the statuses a session setup ends with. */
export const NT_STATUS: Readonly<Record<number, string>> = {
  0x00000000: 'STATUS_SUCCESS',
  0xc0000016: 'STATUS_MORE_PROCESSING_REQUIRED',
  0xc000000d: 'STATUS_INVALID_PARAMETER',
  0xc0000022: 'STATUS_ACCESS_DENIED',
  0xc0000064: 'STATUS_NO_SUCH_USER',
  0xc000006a: 'STATUS_WRONG_PASSWORD',
  0xc000006d: 'STATUS_LOGON_FAILURE',
  0xc000006e: 'STATUS_ACCOUNT_RESTRICTION',
  0xc0000071: 'STATUS_PASSWORD_EXPIRED',
  0xc0000072: 'STATUS_ACCOUNT_DISABLED',
  0xc00000bb: 'STATUS_NOT_SUPPORTED',
  0xc000015b: 'STATUS_LOGON_TYPE_NOT_GRANTED',
  0xc0000234: 'STATUS_ACCOUNT_LOCKED_OUT',
  0xc0000224: 'STATUS_PASSWORD_MUST_CHANGE',
  0xc0000133: 'STATUS_TIME_DIFFERENCE_AT_DC',
};

/** LDAPResult resultCode names (RFC 4511 §4.1.9, Appendix A). */
export const LDAP_RESULT_CODES: Readonly<Record<number, string>> = {
  0: 'success',
  7: 'authMethodNotSupported',
  8: 'strongerAuthRequired',
  14: 'saslBindInProgress',
  48: 'inappropriateAuthentication',
  49: 'invalidCredentials',
  50: 'insufficientAccessRights',
  53: 'unwillingToPerform',
};
