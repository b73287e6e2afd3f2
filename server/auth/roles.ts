/** Staff roles. clerk and supervisor belong to one department; dx and admin to none. */
export const ROLES = ['clerk', 'supervisor', 'dx', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const DEPARTMENT_ROLES: readonly Role[] = ['clerk', 'supervisor'];

export interface StaffUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
}
