export {
  DEMO_OFFICERS,
  type DevOidcAccount,
  type DevOidcClient,
  type DevOidcProvider,
  type DevOidcProviderOptions,
  startDevOidcProvider,
} from './dev-oidc-provider.js';
