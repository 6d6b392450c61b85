/**
 * The REST side of the local server, on the service's paths: `GET /v1/voices`, `GET
 * /v1/voices/{id}` and `GET /v1/models`, authenticated as the SDKs do (`X-API-Key` and
 * `Authorization: Bearer`). Errors are JSON `{error, error_code}` with the status the SDKs
 * classify (401 unauthorized, 404 not found, 405 wrong method).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRequestTarget } from '../../net/request-target.js';
import { modelListing, voiceDetail, voiceListing, type VoiceSet } from './voices.js';

export interface RestApiOptions {
  /** True when the request's credentials are this server's key. */
  authorized(given: string): boolean;
  sampleRate: number;
  voices?: VoiceSet;
}

/** Answers a REST request; false when the path is not a REST path (the caller answers it). */
export function handleRestRequest(req: IncomingMessage, res: ServerResponse, options: RestApiOptions): boolean {
  const url = parseRequestTarget(req.url);
  if (!url) return false; // malformed: the caller's own answer (a 400 at the upgrade, a 426 here) stands
  const voiceMatch = /^\/v1\/voices(?:\/(\d+))?\/?$/.exec(url.pathname);
  const isModels = /^\/v1\/models\/?$/.test(url.pathname);
  if (!voiceMatch && !isModels) return false;
  if (req.method !== 'GET') {
    reply(res, 405, { error: `${req.method} is not supported here; the local server only lists voices and models.`, error_code: 'VALIDATION_ERROR' });
    return true;
  }
  if (!options.authorized(credentialOf(req))) {
    reply(res, 401, { error: 'Missing or wrong API key (send X-API-Key or Authorization: Bearer).', error_code: 'UNAUTHORIZED' });
    return true;
  }
  if (isModels) {
    reply(res, 200, modelListing(options.sampleRate));
    return true;
  }
  const id = voiceMatch![1];
  if (id === undefined) {
    reply(res, 200, voiceListing(url.query, options.voices));
    return true;
  }
  const detail = voiceDetail(Number(id), options.voices);
  if (detail) reply(res, 200, detail);
  else reply(res, 404, { error: `Voice ${id} was not found.`, error_code: 'NOT_FOUND' });
  return true;
}

function credentialOf(req: IncomingMessage): string {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  return (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
}

function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
