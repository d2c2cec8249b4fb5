import { createHash, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { Secret } from '../../src/config.js';
import { describeError, type Logger } from '../log.js';
import { SWEEPING_ELSEWHERE, type RunSweep } from './types.js';

/** The endpoint's one route: for an Azure Functions timer or a Logic App; the body is ignored. */
export const SWEEP_ROUTE = '/api/jobs/sweep';

export interface SweepEndpoint {
  /** SWEEP_SECRET: the caller sends `Authorization: Bearer <secret>`. */
  readonly secret: Secret;
  readonly runSweep: RunSweep;
}

const BEARER = /^bearer\s+(.+)$/i;

/**
 * Compared in constant time whatever the lengths: each side is hashed first, so timingSafeEqual always compares
 * 32 bytes and the time taken says nothing about how much of the secret a guess got right, or how long it is.
 */
function isTheSecret(authorization: string | undefined, secret: Secret): boolean {
  const given = BEARER.exec(authorization?.trim() ?? '')?.[1]?.trim();
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(secret.reveal()));
}

/**
 * POST /api/jobs/sweep runs the sweep under the same lease as the timer and answers JSON: 200 with the report, or
 * 200 `ran: false` while another instance sweeps; 401 for a missing or wrong secret, saying no more; 404 while
 * SWEEP_SECRET is not configured. A refused request is answered before anything is read or run.
 */
export function installSweepRoute(server: restify.Server, endpoint: SweepEndpoint | undefined, log: Logger): void {
  server.post(SWEEP_ROUTE, async (req: restify.Request, res: restify.Response) => {
    // The body is never read: the connection closes with the answer rather than waiting for the rest of it.
    res.setHeader('connection', 'close');
    if (endpoint === undefined) {
      res.send(404, { error: 'the sweep endpoint is off: SWEEP_SECRET is not configured' });
      return;
    }
    if (!isTheSecret(req.headers.authorization, endpoint.secret)) {
      log.warn('sweep.refused', { trigger: 'http', authorization: req.headers.authorization === undefined ? 'missing' : 'wrong' });
      res.setHeader('www-authenticate', 'Bearer');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    try {
      const outcome = await endpoint.runSweep();
      if (outcome.ran) {
        log.info('sweep.done', { ...outcome.result, trigger: 'http' });
        res.send(200, { ran: true, report: outcome.result });
      } else {
        log.info('sweep.skipped', { trigger: 'http', reason: SWEEPING_ELSEWHERE });
        res.send(200, { ran: false, reason: SWEEPING_ELSEWHERE });
      }
    } catch (error) {
      log.error('sweep.failed', { trigger: 'http', ...describeError(error) });
      res.send(500, { error: 'the sweep failed' });
    }
  });
}
