/**
 * One budget of look-ups by reference number + access code per client address (status, correction
 * form, correction, withdrawal, receipt), so that guessing codes through one endpoint or another
 * costs the same.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { Errors } from '../errors.ts';
import { errorBody } from './error-handler.ts';

export function residentLookupLimiter(perWindow: number): RequestHandler {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: perWindow,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => {
      res.status(429).json(errorBody(Errors.rateLimited(), req.id));
    },
  });
}
