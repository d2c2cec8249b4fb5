import {
  CallerIdConstants,
  type Activity,
  type ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotIdentity } from '../src/config.js';
import { plainOutgoingText } from './plainText.js';

/** What botbuilder's authentication returns for a verified request: claims plus the outbound connector factory. */
export type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
export type CredentialsFactory = NonNullable<ConstructorParameters<typeof TeamsAdapter>[1]>;

/**
 * Where inbound tokens are trusted from. Production uses botbuilder's public-cloud defaults; tests point it at
 * a local OpenID metadata document and issuer. Deliberately not configurable from the environment.
 */
export interface InboundTrust {
  readonly openIdMetadataUrl: string;
  readonly tokenIssuer: string;
}

/** Test seams: the inbound trust and the outbound credentials (Entra cannot be reached from a test). */
export interface AuthOverrides {
  readonly trust?: InboundTrust;
  readonly credentialsFactory?: CredentialsFactory;
}

/**
 * botbuilder switches to "parameterized" mode as soon as any endpoint setting is given and then takes every
 * endpoint from the options, so overriding the inbound trust means restating the public-cloud outbound ones.
 * These are botbuilder's AuthenticationConstants values (botframework-connector is not a direct dependency).
 */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
} as const;

/** The audience of outbound calls to the Teams connector. */
export const CONNECTOR_AUDIENCE = PUBLIC_CLOUD.ToChannelFromBotOAuthScope;

/** botbuilder's configuration keys for an identity; an empty object is its anonymous mode. */
export function authOptions(identity: BotIdentity, trust?: InboundTrust): ConfigurationBotFrameworkAuthenticationOptions {
  const endpoints = trust
    ? { ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: trust.openIdMetadataUrl, ToBotFromChannelTokenIssuer: trust.tokenIssuer }
    : {};
  switch (identity.kind) {
    case 'anonymous':
      return {};
    case 'user-assigned-msi':
      return { ...endpoints, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppId: identity.appId, MicrosoftAppTenantId: identity.tenantId };
    case 'single-tenant': {
      const base = { ...endpoints, MicrosoftAppType: 'SingleTenant', MicrosoftAppId: identity.appId, MicrosoftAppTenantId: identity.tenantId };
      const credential = identity.credential;
      return credential.kind === 'secret'
        ? { ...base, MicrosoftAppPassword: credential.secret.reveal() }
        : { ...base, CertificateThumbprint: credential.thumbprint, CertificatePrivateKey: credential.privateKey.reveal() };
    }
  }
}

/**
 * The teams-ai adapter, split so the HTTP route can refuse a request (401 bad token, 403 foreign tenant) before
 * any turn runs, and verify each token once: CloudAdapter.process would authenticate and run in one step and
 * answer 500 for token errors that are not botbuilder AuthenticationErrors (a bad signature, for one).
 */
export class BotAdapter extends TeamsAdapter {
  constructor(
    readonly botAppId: string,
    options: ConfigurationBotFrameworkAuthenticationOptions,
    credentialsFactory?: CredentialsFactory,
  ) {
    super(options, credentialsFactory);
    this.use(plainOutgoingText);
  }

  /** Verifies the bearer token against the activity (issuer, audience, signature, expiry, endorsements, serviceUrl). */
  authenticate(activity: Activity, authorization: string): Promise<AuthenticatedRequest> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
  }

  /** Runs the turn for a request `authenticate` accepted; an invoke's response comes back for the HTTP reply. */
  runAuthenticated(request: AuthenticatedRequest, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(request, activity, logic);
  }
}

export function createAdapter(identity: BotIdentity, overrides: AuthOverrides = {}): BotAdapter {
  const appId = identity.kind === 'anonymous' ? '' : identity.appId;
  return new BotAdapter(appId, authOptions(identity, overrides.trust), overrides.credentialsFactory);
}
