/** Where a member of staff goes after signing in: the page of the next sign-in step, or their role's first page. */
import type { SignInStage, StaffUser } from './staff-api.ts';

export function homeOf(role: string): string {
  if (role === 'admin') return '/staff/admin/accounts';
  if (role === 'dx') return '/staff/dashboard';
  return '/staff/queue';
}

/** The page a session at `stage` must go to first (null when done). */
export function stagePage(stage: SignInStage | undefined): string | null {
  if (stage === 'mfa' || stage === 'enrol') return '/staff/mfa';
  if (stage === 'password') return '/staff/account';
  return null;
}

export function landingOf(user: StaffUser, wanted?: string | null): string {
  return stagePage(user.next) ?? (wanted?.startsWith('/staff/') ? wanted : homeOf(user.role));
}
