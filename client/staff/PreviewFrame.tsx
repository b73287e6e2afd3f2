/**
 * The resident pages of one preview, under /staff/previews/{previewId}/procedures/{id}/…: the same
 * ProcedurePage, StepPage and CheckPage, with a banner, while previewMode keeps everything in
 * memory and files nothing (client/preview-mode.ts).
 */
import { useEffect, useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { previewMode } from '../preview-mode.ts';
import { CheckPage } from '../pages/CheckPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { ProcedurePage } from '../pages/ProcedurePage.tsx';
import { StepPage } from '../pages/StepPage.tsx';
import { RequireStaff } from './RequireStaff.tsx';

export function PreviewFrame() {
  const { previewId = '' } = useParams();
  return <RequireStaff>{() => <Frame key={previewId} previewId={previewId} />}</RequireStaff>;
}

function Frame({ previewId }: { previewId: string }) {
  const { t } = useI18n();
  // Entered before the pages first render, left when the preview closes.
  const [entered] = useState(() => {
    previewMode.enter(previewId);
    return true;
  });
  useEffect(() => {
    previewMode.enter(previewId);
    return () => previewMode.leave();
  }, [previewId]);
  if (!entered) return null;
  return (
    <>
      <div className="preview-banner" role="note" aria-label={t('previewNav')}>
        <p>{t('previewBanner')}</p>
        <Link to="/staff/previews">{t('previewBack')}</Link>
      </div>
      <Routes>
        <Route path="procedures/:id" element={<ProcedurePage />} />
        <Route path="procedures/:id/steps/:step" element={<StepPage />} />
        <Route path="procedures/:id/check" element={<CheckPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
