import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { GraphSettings } from '../../src/config.js';
import type { Actor } from '../../src/cases/model.js';
import { describeError, type Logger } from '../log.js';

/**
 * The bot's one use of Microsoft Graph: installing itself for a person, so Teams will open a 1:1 chat with them.
 * `POST /users/{id}/teamwork/installedApps` with the application permission TeamsAppInstallation.ReadWriteSelfForUser.All
 * (the app may install only itself). Kept behind this seam so nothing else in the bot, and nothing in src/, knows Graph.
 */
export type InstallOutcome =
  /** 201, or 409: it was already installed (Teams had not caught up, or someone installed it meanwhile). */
  | { readonly status: 'installed' | 'already-installed' }
  /** Graph said no for this person (403: the permission is not granted or a policy blocks the app; 404: no such user). */
  | { readonly status: 'refused'; readonly httpStatus: number; readonly code: string | undefined }
  /** Graph could not answer now (429, 5xx, timeout, network): worth trying again later. */
  | { readonly status: 'unavailable'; readonly httpStatus: number | undefined };

export interface AppInstaller {
  install(person: Actor): Promise<InstallOutcome>;
}

export interface GraphInstallerDeps {
  readonly settings: Extract<GraphSettings, { kind: 'on' }>;
  readonly credential: TokenCredential;
  readonly log: Logger;
  /** How long one Graph call may take. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** The token credential the settings describe; tests inject their own instead. */
export function graphCredential(settings: Extract<GraphSettings, { kind: 'on' }>): TokenCredential {
  const { credential, tenantId } = settings;
  return credential.kind === 'managed-identity'
    ? new ManagedIdentityCredential({ clientId: credential.clientId })
    : new ClientSecretCredential(tenantId, credential.clientId, credential.secret.reveal());
}

/** Graph's `.default` scope for the cloud GRAPH_URL is in (https://graph.microsoft.com/.default in the public cloud). */
export const graphScope = (url: string): string => `${new URL(url).origin}/.default`;

export function graphAppInstaller(deps: GraphInstallerDeps): AppInstaller {
  const { settings, credential, log } = deps;
  const scope = graphScope(settings.url);
  const catalogApp = `${settings.url}/appCatalogs/teamsApps/${encodeURIComponent(settings.teamsAppId)}`;
  return {
    async install(person) {
      const ids = { tenantId: person.tenantId, aadObjectId: person.aadObjectId };
      let response: Response;
      try {
        // @azure/identity caches the token until shortly before it expires, so this is a network call about hourly.
        const token = await credential.getToken(scope);
        if (token === null) throw new Error('no Graph token was issued');
        response = await fetch(`${settings.url}/users/${encodeURIComponent(person.aadObjectId)}/teamwork/installedApps`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ 'teamsApp@odata.bind': catalogApp }),
          signal: AbortSignal.timeout(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        });
      } catch (error) {
        log.warn('graph.install-failed', { ...ids, ...describeError(error) });
        return { status: 'unavailable', httpStatus: undefined };
      }
      const outcome = outcomeOf(response.status, await errorCodeOf(response));
      log[outcome.status === 'installed' || outcome.status === 'already-installed' ? 'info' : 'warn'](`graph.${outcome.status}`, { ...ids, httpStatus: response.status, ...('code' in outcome && { code: outcome.code }) });
      return outcome;
    },
  };
}

function outcomeOf(httpStatus: number, code: string | undefined): InstallOutcome {
  if (httpStatus === 201 || httpStatus === 200) return { status: 'installed' };
  if (httpStatus === 409) return { status: 'already-installed' };
  if (httpStatus === 429 || httpStatus >= 500) return { status: 'unavailable', httpStatus };
  // 400, 401, 403, 404: asking again will not change the answer.
  return { status: 'refused', httpStatus, code };
}

/** Graph's `{"error":{"code":...}}`, kept short: it is logged and nothing else of the body is. */
async function errorCodeOf(response: Response): Promise<string | undefined> {
  if (response.ok) {
    // Read nothing of an installation's body, but release it, so the connection goes back to the pool.
    await response.body?.cancel();
    return undefined;
  }
  try {
    const body: unknown = await response.json();
    const error: unknown = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
    const code: unknown = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    return typeof code === 'string' ? code.slice(0, 60) : undefined;
  } catch {
    return undefined;
  }
}
