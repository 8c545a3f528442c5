// The emulator's HTTP server on 127.0.0.1: REST under /apv/v27, GraphQL at /graphql/v1 (both subject to
// scripted faults and counted), the connectd stand-in's private session endpoint, and the control endpoint.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl } from './control';
import { actOut } from './faults';
import { GRAPHQL_PATH, handleGraphQL } from './graphql/handler';
import { BodyTooLargeError, readBody, sendJson } from './httpIo';
import { SESSION_PATH } from './protocol';
import { handleRest, REST_PREFIX } from './rest';
import { EmulatorState } from './state';
import { loadWorld, type World } from './world';

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:41234: the extension's remoteit.apiUrl. */
  url: string;
  /** Base URL of the control endpoint (POST `${controlUrl}/service/offline` …). */
  controlUrl: string;
  /** The live world (changes made through the control endpoint show here). */
  world: World;
  /** The same operations as the control endpoint, for in-process callers. */
  state: EmulatorState;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  /** A world, or the path of a world JSON file. */
  world: World | string;
  /** 0 or absent: any free port. */
  port?: number;
}

async function route(state: EmulatorState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://emulator').pathname;
  const body = await readBody(req);
  if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
    handleControl(state, req, res, path.slice(CONTROL_PREFIX.length), body);
    return;
  }
  state.counters.served(`${req.method} ${path}`);
  if (path === SESSION_PATH && req.method === 'POST') {
    state.sessions.handle(req, res, body);
    return;
  }
  const isRest = path.startsWith(`${REST_PREFIX}/`);
  if (!isRest && path !== GRAPHQL_PATH) {
    sendJson(res, 404, { message: 'Not Found' });
    return;
  }
  const fault = state.faults.take();
  if (fault) {
    state.counters.faulted(fault.kind);
    if (await actOut(fault, res)) return;
  }
  if (isRest) await handleRest(state, req, res, path.slice(REST_PREFIX.length), body);
  else await handleGraphQL(state, req, res, body);
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const world = loadWorld(opts.world);
  const state = new EmulatorState(world);
  const server = http.createServer((req, res) => {
    route(state, req, res).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, err instanceof BodyTooLargeError ? 413 : 500, { message: err instanceof Error ? err.message : String(err) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    controlUrl: `${url}${CONTROL_PREFIX}`,
    world,
    state,
    close: async () => {
      state.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
