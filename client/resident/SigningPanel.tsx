/**
 * Electronic signing on the check page (docs/signatures.md): before filing a procedure that needs
 * a signature, the resident is sent to the signing app with the digest of these answers and comes
 * back here (?signing=signed or an error code); the outcome is read from the server, never from
 * the address. Changing an answer afterwards needs a new signature (the step drops it).
 */
import { useEffect, useState } from 'react';
import type { SigningView } from '../../shared/api-types.ts';
import type { SchemaNode } from '../../shared/forms/types.ts';
import { api } from '../api.ts';
import { drafts } from '../draft.ts';
import { useI18n } from '../i18n.tsx';

export interface Signing {
  /** The signing these answers were sent to, once read from the server. */
  view: SigningView | null;
  checking: boolean;
  signed: boolean;
  /** Forget it (a failure, or answers that no longer match): the next press signs again. */
  reset: () => void;
}

export function useSigning(procedureId: string, schema: SchemaNode, needed: boolean): Signing {
  const [view, setView] = useState<SigningView | null>(null);
  const [checking, setChecking] = useState(needed && Boolean(drafts.load(procedureId)?.signing));
  useEffect(() => {
    const signingId = drafts.load(procedureId)?.signing?.id;
    if (!needed || !signingId) return;
    let live = true;
    api
      .getSigningRequest(signingId)
      .then((v) => live && setView(v))
      .catch(() => live && setView(null))
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, [procedureId, needed]);
  const reset = () => {
    const draft = drafts.load(procedureId);
    if (draft?.signing) drafts.save({ ...draft, signing: undefined }, schema);
    setView(null);
  };
  return { view, checking, signed: view?.status === 'signed', reset };
}

export function SigningPanel({ signing, proxy }: { signing: Signing; proxy: boolean }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="signing-title" className="summary-section" id="signing">
      <h2 id="signing-title">{t('signingTitle')}</h2>
      {signing.checking ? (
        <p role="status">{t('signingChecking')}</p>
      ) : signing.signed ? (
        <p className="notice notice--done" role="status">
          {t('signingDone', { name: signing.view?.signer?.name ?? '—' })}
        </p>
      ) : (
        <>
          <p>{t('signingLead')}</p>
          {proxy && <p>{t('signingProxyLead')}</p>}
        </>
      )}
    </section>
  );
}
