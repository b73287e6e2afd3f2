/** Shows a staff page only to a signed-in member of staff: loading, a failed check with a retry, or the page. */
import type { ReactNode } from 'react';
import { LoadFailed, Loading } from '../components/Status.tsx';
import type { SignInStage, StaffUser } from './staff-api.ts';
import { useStaff } from './use-staff.ts';

export function RequireStaff({
  children,
  allow,
}: {
  children: (user: StaffUser) => ReactNode;
  /** The sign-in stages this page serves (default: done only). */
  allow?: readonly SignInStage[];
}) {
  const staff = useStaff(allow);
  if (staff.state === 'error') return <LoadFailed error={staff.error} retry={staff.retry} />;
  if (staff.state === 'loading') return <Loading />;
  return children(staff.value);
}
