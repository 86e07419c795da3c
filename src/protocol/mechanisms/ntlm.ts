export { ntlm } from './ntlm/mechanism';
