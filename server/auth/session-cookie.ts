/** The staff session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS; set at sign-in and again when a session is renewed. */
import type { Request, Response } from 'express';
import { SESSION_COOKIE } from './sessions.ts';

export function setSessionCookie(req: Request, res: Response, session: { token: string; expiresAt: Date }, secure: boolean): void {
  res.cookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure || req.secure,
    path: '/',
    expires: session.expiresAt,
  });
}

export const sessionToken = (req: Request): string => (req.cookies as Record<string, string>)[SESSION_COOKIE] ?? '';
