import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP stand-in between the bot and the test Azurite, to put storage into states a real account gets into:
 * hung, saving without answering, or stopped (nothing listening). The table clients are pointed at it.
 */
export interface StorageProxy {
  readonly connectionString: string;
  /** Bytes flow both ways: storage works. */
  pass(): void;
  /** Connections are accepted and requests swallowed: an account that hangs. */
  hang(): void;
  /** Requests are carried out, but a connection that sent one matching `request` (its raw HTTP text) hears nothing back. */
  dropAnswers(request: RegExp): void;
  /** Stops listening and resets every open connection: storage is down. */
  stop(): Promise<void>;
  /** Listens again on the same port if stopped; passes bytes. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

type Mode = { readonly kind: 'pass' } | { readonly kind: 'hang' } | { readonly kind: 'drop'; readonly request: RegExp };

const ENDPOINT = /TableEndpoint=http:\/\/([^:/]+):(\d+)\//;

export async function startStorageProxy(azuriteConnectionString: string): Promise<StorageProxy> {
  const match = ENDPOINT.exec(azuriteConnectionString);
  if (!match) throw new Error('not an Azurite connection string');
  const target = { host: match[1] ?? '127.0.0.1', port: Number(match[2]) };
  let mode: Mode = { kind: 'pass' };
  const sockets = new Set<Socket>();

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const onConnection = (client: Socket) => {
    track(client);
    const upstream = connect(target);
    track(upstream);
    let silenced = false;
    client.on('data', (chunk: Buffer) => {
      if (mode.kind === 'hang') return;
      if (mode.kind === 'drop' && mode.request.test(chunk.toString('latin1'))) silenced = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (mode.kind === 'pass' || (mode.kind === 'drop' && !silenced)) client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };

  const listen = async (port: number): Promise<Server> => {
    const server = createServer(onConnection);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return server;
  };
  let server = await listen(0);
  const { port } = server.address() as AddressInfo;

  /** Fresh connections for each state, so nothing half-sent under the last one is answered under this one. */
  const enter = (next: Mode) => {
    for (const socket of sockets) socket.destroy();
    mode = next;
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      enter({ kind: 'pass' });
      server.close(() => resolve());
    });

  return {
    connectionString: azuriteConnectionString.replace(ENDPOINT, `TableEndpoint=http://127.0.0.1:${port}/`),
    pass: () => enter({ kind: 'pass' }),
    hang: () => enter({ kind: 'hang' }),
    dropAnswers: (request) => enter({ kind: 'drop', request }),
    stop,
    restart: async () => {
      enter({ kind: 'pass' });
      if (!server.listening) server = await listen(port);
    },
    close: async () => {
      if (server.listening) await stop();
    },
  };
}
