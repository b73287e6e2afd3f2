/** Shows a staff page only to a signed-in member of staff: loading, a failed check with a retry, or the page. */
import type { ReactNode } from 'react';
import { LoadFailed, Loading } from '../components/Status.tsx';
import type { StaffUser } from './staff-api.ts';
import { useStaff } from './use-staff.ts';

export function RequireStaff({ children }: { children: (user: StaffUser) => ReactNode }) {
  const staff = useStaff();
  if (staff.state === 'error') return <LoadFailed error={staff.error} retry={staff.retry} />;
  if (staff.state === 'loading') return <Loading />;
  return children(staff.value);
}
