/**
 * Idle keep-alive connections stay open longer than a balancer keeps its own to the servers
 * (nginx upstream keepalive_timeout: 60 s): the side that closes an idle connection must be the
 * one that reuses it, or a request sent on a connection the server is closing at that moment is
 * reset (ECONNRESET at the balancer, a 502 for the resident). Node's default is 5 s.
 */
import type { Server } from 'node:http';

export const KEEP_ALIVE_MS = 65_000;

export function keepConnectionsAlive(server: Server): Server {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Must exceed keepAliveTimeout, or a slow first request on a reused connection is cut off.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}
