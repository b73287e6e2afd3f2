/**
 * The typed request boundary. Every API route is declared once as a Route: its method and path,
 * its operationId, its middleware chain (rate limit, session, role, CSRF, body parser: in order,
 * visible where the route is declared), zod schemas for its params, query and body, and the
 * responses it documents. `mountRoutes` validates the input after the chain and hands the handler
 * typed values; a failure is one 422 VALIDATION_FAILED with a message per field. The OpenAPI
 * document is generated from the same declarations (openapi/document.ts), so the two cannot drift.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { Errors } from '../errors.ts';
import { hostileInput } from '../../shared/forms/hostile-input.ts';
import { fieldErrors } from './input-errors.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface ResponseDoc {
  description: string;
  content?: Record<string, { schema: object }>;
}

/** A header documented as a parameter (checked by the chain or the service, not by zod). */
export interface HeaderDoc {
  name: string;
  required: boolean;
  schema: object;
  description?: string;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Input<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

export interface RouteSpec<P, Q, B> {
  method: Method;
  /** Express path, relative to the router's mount point (/api). */
  path: string;
  operationId: string;
  summary: string;
  /** Middleware run before the input is validated, in order. */
  chain?: RequestHandler[];
  params?: P;
  query?: Q;
  body?: B;
  /** A body that is not JSON (CSV upload, Stripe's raw bytes): documented here, parsed by the chain. */
  rawBody?: { contentType: string; schema: object; description?: string };
  headers?: HeaderDoc[];
  responses: Record<number, ResponseDoc>;
  handle: (input: Input<P, Q, B>, req: Request, res: Response) => unknown;
}

/** A declared route as mounted and documented: the spec with its schemas' types erased and its chain filled in. */
export type Route = Omit<RouteSpec<z.ZodType, z.ZodType, z.ZodType>, 'chain' | 'handle'> & {
  chain: RequestHandler[];
  handle: (input: Input<unknown, unknown, unknown>, req: Request, res: Response) => unknown;
};

/** Declares a route; the handler's input is typed from the schemas. */
export function route<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<P, Q, B>): Route {
  return { ...spec, chain: spec.chain ?? [] } as Route;
}

/** Parses params, query and body with their schemas; all problems are reported together. */
export function validateInput(r: Pick<Route, 'params' | 'query' | 'body'>): RequestHandler {
  return (req, res, next) => {
    const parts = [
      ['params', r.params, req.params],
      ['query', r.query, req.query],
      ['body', r.body, req.body],
    ] as const;
    const input: Record<string, unknown> = {};
    const problems = [];
    for (const [name, schema, value] of parts) {
      // Path and query text is checked like any body (JSON bodies were checked by their parser).
      if (name !== 'body') problems.push(...hostileInput(value));
      if (!schema) continue;
      // reportInput: tells a missing value (required) from a wrong one; the values never reach a message.
      const parsed = schema.safeParse(value ?? (name === 'body' ? undefined : {}), { reportInput: true });
      if (parsed.success) input[name] = parsed.data;
      else problems.push(...fieldErrors(parsed.error.issues));
    }
    if (problems.length > 0) return next(Errors.validation(problems));
    res.locals.input = input;
    next();
  };
}

export function mountRoutes(router: Router, routes: readonly Route[]): Router {
  for (const r of routes) {
    router[r.method](r.path, ...r.chain, validateInput(r), async (req: Request, res: Response) => {
      await r.handle(res.locals.input as Input<unknown, unknown, unknown>, req, res);
    });
  }
  return router;
}
