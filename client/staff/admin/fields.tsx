/** Role and department pickers and the reason field shared by the account forms. */
import { useI18n } from '../../i18n.tsx';

export const ROLES = ['clerk', 'supervisor', 'dx', 'admin'] as const;
export const needsDepartment = (role: string) => role === 'clerk' || role === 'supervisor';

export function RoleAndDepartment({
  prefix,
  role,
  departmentId,
  departments,
  onRole,
  onDepartment,
}: {
  prefix: string;
  role: string;
  departmentId: string;
  departments: string[];
  onRole: (role: string) => void;
  onDepartment: (id: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="field">
        <label htmlFor={`${prefix}-role`} className="field-label">
          {t('role')}
        </label>
        <select id={`${prefix}-role`} className="select" value={role} onChange={(e) => onRole(e.target.value)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      {needsDepartment(role) && (
        <div className="field">
          <label htmlFor={`${prefix}-departmentId`} className="field-label">
            {t('accountDepartment')}
          </label>
          <select id={`${prefix}-departmentId`} className="select" value={departmentId} onChange={(e) => onDepartment(e.target.value)}>
            {departments.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

export function ReasonField({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {t('adminReason')}
      </label>
      <input id={id} className="input" maxLength={500} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
