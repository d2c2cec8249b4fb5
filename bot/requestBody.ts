import type { IncomingMessage } from 'node:http';

/** Teams activities are small; a card submit with a written update is well under this. */
export const MAX_BODY_BYTES = 512 * 1024;

export type BodyRead =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly problem: string };

/**
 * A request's JSON body, read here rather than by restify's bodyParser, which inflates a gzip body with no limit
 * on what it inflates to (a 100 KB upload became 100 MB, held in memory and parsed before any token check, the
 * event loop held for a third of a second) and keeps the raw text on the request for as long as the turn runs.
 * Bot Framework posts plain JSON, so an encoded body is refused unread (415, saying which encoding is accepted),
 * and one past the limit as soon as it passes it (413), without reading the rest.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number = MAX_BODY_BYTES): Promise<BodyRead> {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    return Promise.resolve({ ok: false, status: 415, problem: 'the body is encoded (content-encoding): send plain JSON' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (read: BodyRead) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      // The rest of a refused body is not read: the answer closes the connection instead.
      if (!read.ok) req.pause();
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish({ ok: false, status: 413, problem: `the body is over ${maxBytes} bytes` });
      else chunks.push(chunk);
    };
    const onEnd = () => finish(parseJson(Buffer.concat(chunks, size).toString('utf8')));
    const onError = () => finish({ ok: false, status: 400, problem: 'the body could not be read' });
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

function parseJson(text: string): BodyRead {
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, problem: 'the body is not JSON' };
  }
}
