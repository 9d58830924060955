/**
 * Credentials for development against the local fake Salesforce server
 * (`fake/cli.ts`). They are public on purpose: the connector falls back to
 * them only when SALESFORCE_LOGIN_URL is a loopback address, and the fake
 * accepts them by default. No real org has this client or user.
 */
export const DEV_CREDENTIALS = {
  clientId: 'rover-portal-dev-client',
  clientSecret: 'rover-portal-dev-secret',
  username: 'portal-integration@rover.example',
  password: 'rover-dev-password',
  securityToken: 'devtoken',
} as const;
