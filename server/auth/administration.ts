/**
 * Account administration by the admin role: the list, a change of role, department or disabled
 * (one account, or the April moves as a CSV: all rows or none), a password reset, a second-factor
 * reset. Every change needs a reason and is audited with the admin who made it, in the same
 * transaction; a change of rights (role, department, disabled) or of credentials ends every
 * session of that account at once. Admins see accounts only, never submissions.
 */
import { parse } from 'csv-parse/sync';
import type { Knex } from 'knex';
import type { FieldError } from '../../shared/forms/messages.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { isoTimestamp } from '../db/connection.ts';
import { Errors, fieldError } from '../errors.ts';
import { resetPassword } from './passwords.ts';
import { DEPARTMENT_ROLES, ROLES, type Role } from './roles.ts';
import { SecondFactor } from './second-factor.ts';
import { endSessionsOf } from './sessions.ts';

export interface AccountListItem {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  lastLoginAt: string | null;
  secondFactor: boolean;
  locked: boolean;
  disabled: boolean;
  mustChangePassword: boolean;
}

export interface Actor {
  id: number;
  address: string | null;
}

interface AccountRow {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  department_id: string | null;
  last_login_at: unknown;
  totp_secret: string | null;
  locked_until: unknown;
  disabled_at: unknown;
  must_change_password: unknown;
}

const columns = [
  'id',
  'email',
  'display_name',
  'role',
  'department_id',
  'last_login_at',
  'totp_secret',
  'locked_until',
  'disabled_at',
  'must_change_password',
];

function toItem(r: AccountRow, now = Date.now()): AccountListItem {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    departmentId: r.department_id,
    lastLoginAt: r.last_login_at ? isoTimestamp(r.last_login_at) : null,
    secondFactor: r.totp_secret !== null,
    locked: Boolean(r.locked_until) && new Date(isoTimestamp(r.locked_until)).getTime() > now,
    disabled: Boolean(r.disabled_at),
    mustChangePassword: Boolean(r.must_change_password),
  };
}

export async function listAccounts(db: Knex): Promise<AccountListItem[]> {
  return ((await db('staff_users').select(columns).orderBy('id')) as AccountRow[]).map((r) => toItem(r));
}

async function account(trx: Knex.Transaction, id: number): Promise<AccountRow> {
  const row = (await trx('staff_users').where('id', id).first(columns)) as AccountRow | undefined;
  if (!row) throw Errors.staffAccountNotFound();
  return row;
}

/** Whether a role and department fit together: clerk and supervisor need a known department, dx and admin none. */
export function placementProblem(
  role: string,
  departmentId: string | null,
  departments: readonly string[],
): { ja: string; en: string } | null {
  if (!ROLES.includes(role as Role))
    return { ja: `役割は ${ROLES.join('、')} のいずれかです。`, en: `The role must be one of ${ROLES.join(', ')}.` };
  const needsDepartment = DEPARTMENT_ROLES.includes(role as Role);
  if (needsDepartment && !departmentId) return { ja: `${role} には所属課が必要です。`, en: `A ${role} needs a department.` };
  if (needsDepartment && !departments.includes(departmentId!))
    return { ja: `所属課「${departmentId}」はありません。`, en: `There is no department "${departmentId}".` };
  if (!needsDepartment && departmentId) return { ja: `${role} は課に所属しません。`, en: `A ${role} belongs to no department.` };
  return null;
}

export interface AccountChange {
  role?: Role;
  departmentId?: string | null;
  disabled?: boolean;
  reason: string;
}

async function applyChange(
  trx: Knex.Transaction,
  actor: Actor,
  row: AccountRow,
  change: AccountChange,
  departments: readonly string[],
  pointer = '',
) {
  const role = change.role ?? row.role;
  // A new role without a department (dx, admin) leaves the department behind.
  const departmentId = change.departmentId !== undefined ? change.departmentId : DEPARTMENT_ROLES.includes(role) ? row.department_id : null;
  const problem = placementProblem(role, departmentId, departments);
  if (problem) throw Errors.validation([fieldError(`${pointer}/departmentId`, 'placement', problem.ja, problem.en)]);
  const rightsChanged = role !== row.role || departmentId !== row.department_id;
  const disabled = change.disabled ?? Boolean(row.disabled_at);
  if (row.id === actor.id && (role !== row.role || disabled)) throw Errors.ownAccount();
  await trx('staff_users')
    .where('id', row.id)
    .update({
      role,
      department_id: departmentId,
      disabled_at: disabled ? (row.disabled_at ?? isoTimestamp(new Date())) : null,
    });
  // New rights, or none at all: open sessions end at once.
  const endedSessions = rightsChanged || disabled ? await endSessionsOf(trx, row.id) : 0;
  await appendAudit(trx, {
    actorType: 'staff',
    actorId: String(actor.id),
    action: 'staff.account_updated',
    target: String(row.id),
    address: actor.address,
    details: {
      reason: change.reason,
      before: { role: row.role, departmentId: row.department_id, disabled: Boolean(row.disabled_at) },
      after: { role, departmentId, disabled },
      endedSessions,
    },
  });
}

export async function updateAccount(db: Knex, actor: Actor, id: number, change: AccountChange, departments: readonly string[]) {
  return db.transaction(async (trx) => {
    await applyChange(trx, actor, await account(trx, id), change, departments);
    return toItem(await account(trx, id));
  });
}

/** A temporary password, shown once to the admin; the owner must change it at the next sign-in. */
export async function resetStaffPassword(db: Knex, actor: Actor, id: number, reason: string): Promise<string> {
  return db.transaction(async (trx) => {
    await account(trx, id);
    const password = await resetPassword(trx, id);
    await appendAudit(trx, {
      actorType: 'staff',
      actorId: String(actor.id),
      action: 'staff.password_reset',
      target: String(id),
      address: actor.address,
      details: { reason },
    });
    return password;
  });
}

/** A lost phone: the second factor is removed; the owner sets up a new one at the next sign-in. */
export async function resetStaffMfa(db: Knex, actor: Actor, id: number, reason: string): Promise<void> {
  await db.transaction(async (trx) => {
    await account(trx, id);
    await SecondFactor.reset(trx, id);
    await endSessionsOf(trx, id);
    await appendAudit(trx, {
      actorType: 'staff',
      actorId: String(actor.id),
      action: 'staff.mfa_reset',
      target: String(id),
      address: actor.address,
      details: { reason },
    });
  });
}

const HEADER = ['email', 'role', 'department_id', 'reason'];

/**
 * The April moves (人事異動) as CSV: email,role,department_id,reason. Every line is checked
 * first; any problem answers 422 with one message per line and field (/line/N/field) and changes
 * nothing. Otherwise all lines apply in one transaction.
 */
export async function importMoves(db: Knex, actor: Actor, csv: string, departments: readonly string[]): Promise<number> {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/u, ''), { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch {
    throw Errors.validation([fieldError('/line/1', 'csv', 'CSVとして読み取れませんでした。', 'The file could not be read as CSV.')]);
  }
  const [header, ...rows] = records;
  if (!header || header.map((h) => h.toLowerCase()).join(',') !== HEADER.join(','))
    throw Errors.validation([
      fieldError('/line/1', 'header', `1行目は ${HEADER.join(',')} にしてください。`, `The first line must be ${HEADER.join(',')}.`),
    ]);
  if (rows.length === 0)
    throw Errors.validation([fieldError('/line/2', 'required', '異動の行がありません。', 'There are no moves in the file.')]);
  return db.transaction(async (trx) => {
    const problems: FieldError[] = [];
    const found: { row: AccountRow; change: AccountChange; line: number }[] = [];
    const seen = new Set<string>();
    for (const [i, cells] of rows.entries()) {
      const line = i + 2;
      const [email = '', role = '', departmentId = '', reason = ''] = cells;
      const p = (field: string, ja: string, en: string) => problems.push(fieldError(`/line/${line}/${field}`, 'format', ja, en));
      const row = (await trx('staff_users').where('email', email.toLowerCase()).first(columns)) as AccountRow | undefined;
      if (!row)
        p('email', `${line}行目：このメールアドレスのアカウントはありません。`, `Line ${line}: there is no account with this e-mail.`);
      else if (seen.has(row.email))
        p('email', `${line}行目：同じアカウントが2回あります。`, `Line ${line}: the same account appears twice.`);
      if (row) seen.add(row.email);
      const placement = placementProblem(role, departmentId || null, departments);
      if (placement)
        p(ROLES.includes(role as Role) ? 'department_id' : 'role', `${line}行目：${placement.ja}`, `Line ${line}: ${placement.en}`);
      if (!reason || reason.length > 500)
        p('reason', `${line}行目：理由を入力してください（500文字以内）。`, `Line ${line}: enter the reason (up to 500 characters).`);
      if (row && row.id === actor.id && role !== row.role)
        p('role', `${line}行目：自分の役割は変更できません。`, `Line ${line}: you cannot change your own role.`);
      if (row && !placement) found.push({ row, change: { role: role as Role, departmentId: departmentId || null, reason }, line });
    }
    if (problems.length > 0) throw Errors.validation(problems);
    for (const { row, change, line } of found) await applyChange(trx, actor, row, change, departments, `/line/${line}`);
    return found.length;
  });
}
