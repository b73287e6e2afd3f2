/** Why staff returned the application (差戻し), and the way into correcting it. */
import { useState } from 'react';
import type { LocalizedText } from '../../../shared/forms/types.ts';
import { api, serverMessage } from '../../api.ts';
import { ErrorNotice } from '../../components/Status.tsx';
import { ReturnReason } from '../../components/CorrectionReason.tsx';
import { drafts } from '../../draft.ts';
import { uploads } from '../../uploads.ts';
import { useI18n } from '../../i18n.tsx';
import { useNavigateTo } from '../../navigation.ts';

export function ReturnedNotice({
  reason,
  documents,
  referenceNumber,
  accessCode,
}: {
  reason: string;
  documents: LocalizedText[];
  referenceNumber: string;
  accessCode: string;
}) {
  const { t, pick } = useI18n();
  const navigate = useNavigateTo();
  const [error, setError] = useState<string | null>(null);
  const startCorrection = async () => {
    setError(null);
    try {
      const form = await api.getCorrectionForm(referenceNumber, accessCode);
      uploads.clear(form.procedureId);
      uploads.seed(form.procedureId, form.attachments);
      drafts.save(
        {
          procedureId: form.procedureId,
          version: form.definitionVersion,
          answers: form.answers,
          correction: { referenceNumber: form.referenceNumber, accessCode, verified: form.verified, reason, documents },
        },
        null,
      );
      navigate(`/procedures/${form.procedureId}/steps/1`);
    } catch (e) {
      const message = serverMessage(e);
      setError(message ? pick(message) : t('loadFailed'));
    }
  };
  return (
    <>
      <div className="notice notice--error">
        <ReturnReason reason={reason} documents={documents} level={3} />
        <button type="button" className="button" onClick={() => void startCorrection()}>
          {t('correctButton')}
        </button>
      </div>
      {error && <ErrorNotice text={error} />}
    </>
  );
}
