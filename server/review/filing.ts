/**
 * Who filed a submission and how their identity was verified, as staff read it on the detail page:
 * online with a verified sign-in (and its assurance level), by a proxy (代理人) with their relation,
 * by a clerk at the counter (書かない窓口) with the document they checked, or with no identity check.
 */
import type { Knex } from 'knex';
import type { StaffFiling } from '../../shared/api-types.ts';
import type { CounterDocument, SubmissionIdentity } from '../../shared/identity.ts';
import { choicesOf, schemaAt } from '../../shared/forms/schema-walk.ts';
import type { LocalizedText, ProcedureDefinition } from '../../shared/forms/types.ts';
import { jsonColumn } from '../db/connection.ts';

export const COUNTER_DOCUMENT_LABELS: Record<CounterDocument, LocalizedText> = {
  'my-number-card': { ja: 'マイナンバーカード', en: 'My Number Card' },
  'driving-licence': { ja: '運転免許証', en: 'driving licence' },
  passport: { ja: 'パスポート', en: 'passport' },
  'residence-card': { ja: '在留カード', en: 'residence card' },
  other: { ja: 'その他', en: 'other' },
};

function relationLabel(definition: ProcedureDefinition, value: string | undefined): LocalizedText | null {
  if (!definition.proxy || value === undefined) return null;
  const choice = choicesOf(schemaAt(definition.schema, definition.proxy.relation))?.find((c) => c.value === value);
  return choice?.label ?? { ja: value, en: value };
}

function describe(identity: SubmissionIdentity | null, definition: ProcedureDefinition, clerkName: string | null): LocalizedText {
  if (!identity) return { ja: 'オンライン（本人確認なし）', en: 'Online (no identity check)' };
  const relation = relationLabel(definition, identity.relation);
  if (identity.method === 'counter') {
    const doc = identity.document ? COUNTER_DOCUMENT_LABELS[identity.document] : null;
    const note = identity.note ? `・${identity.note}` : '';
    const who = clerkName ?? `#${identity.clerkId}`;
    return {
      ja: `窓口で職員が代行入力（本人確認書類：${doc ? doc.ja + note : '確認なし'}、担当：${who}）`,
      en: `Filed at the counter by staff (identity document: ${doc ? doc.en + note : 'none checked'}; clerk: ${who})`,
    };
  }
  const assurance = identity.assurance ?? '—';
  const online = {
    ja: `オンライン（本人確認済みのログイン、保証レベル：${assurance}、提供元：${identity.provider ?? '—'}）`,
    en: `Online (verified sign-in, assurance level: ${assurance}, provider: ${identity.provider ?? '—'})`,
  };
  if (identity.filer !== 'proxy') return online;
  const name = identity.filerName ?? '—';
  return {
    ja: `代理人 ${name}（続柄：${relation?.ja ?? '—'}）が申請。${online.ja}`,
    en: `Filed by a proxy, ${name} (relation: ${relation?.en ?? '—'}). ${online.en}`,
  };
}

/** The filing panel of a submission row (columns channel and identity). */
export async function staffFiling(
  trx: Knex | Knex.Transaction,
  row: Record<string, unknown>,
  definition: ProcedureDefinition,
): Promise<StaffFiling> {
  const identity = row.identity ? jsonColumn<SubmissionIdentity>(row.identity) : null;
  let clerkName: string | null = null;
  if (identity?.method === 'counter') {
    const clerk = (await trx('staff_users').select('display_name').where('id', identity.clerkId).first()) as
      { display_name: string } | undefined;
    clerkName = clerk?.display_name ?? null;
  }
  const channel = row.channel === 'counter-assisted' ? 'counter-assisted' : 'online';
  return {
    channel,
    channelLabel: channel === 'counter-assisted' ? { ja: '窓口代行', en: 'Counter-assisted' } : { ja: 'オンライン', en: 'Online' },
    verified: identity !== null && (identity.method === 'oidc' || identity.document !== null),
    summary: describe(identity, definition, clerkName),
  };
}
