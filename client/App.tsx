import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { PageErrorBoundary } from './components/PageErrorBoundary.tsx';
import { Loading } from './components/Status.tsx';
import { I18nProvider } from './i18n.tsx';
import { CompletePage, CorrectedPage } from './pages/CompletePage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PaymentReturnPage } from './pages/PaymentReturnPage.tsx';
import { ProcedurePage } from './pages/ProcedurePage.tsx';
import { StatusPage } from './pages/StatusPage.tsx';
import { VerifyPage } from './pages/VerifyPage.tsx';
import { MyPage } from './pages/MyPage.tsx';
import { MySubmissionPage } from './pages/MySubmissionPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { ResidentProvider } from './resident/session.tsx';

// The form pages carry react-jsonschema-form: loaded only when a resident starts a form, so the
// home and procedure pages stay small on a slow mobile network.
const StepPage = lazy(() => import('./pages/StepPage.tsx').then((m) => ({ default: m.StepPage })));
const CheckPage = lazy(() => import('./pages/CheckPage.tsx').then((m) => ({ default: m.CheckPage })));
const StaffLoginPage = lazy(() => import('./staff/StaffLoginPage.tsx').then((m) => ({ default: m.StaffLoginPage })));
const QueuePage = lazy(() => import('./staff/QueuePage.tsx').then((m) => ({ default: m.QueuePage })));
const DetailPage = lazy(() => import('./staff/DetailPage.tsx').then((m) => ({ default: m.DetailPage })));
const CountsPage = lazy(() => import('./staff/CountsPage.tsx').then((m) => ({ default: m.CountsPage })));
const MfaPage = lazy(() => import('./staff/MfaPage.tsx').then((m) => ({ default: m.MfaPage })));
const AccountPage = lazy(() => import('./staff/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));
const AccountsPage = lazy(() => import('./staff/admin/AccountsPage.tsx').then((m) => ({ default: m.AccountsPage })));
const AccountEditPage = lazy(() => import('./staff/admin/AccountEditPage.tsx').then((m) => ({ default: m.AccountEditPage })));
const CounterPage = lazy(() => import('./staff/CounterPage.tsx').then((m) => ({ default: m.CounterPage })));
const DashboardPage = lazy(() => import('./staff/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const PreviewPage = lazy(() => import('./staff/PreviewPage.tsx').then((m) => ({ default: m.PreviewPage })));
const PreviewFrame = lazy(() => import('./staff/PreviewFrame.tsx').then((m) => ({ default: m.PreviewFrame })));

export function App() {
  return (
    <I18nProvider>
      <ResidentProvider>
        <BrowserRouter>
          <Layout>
            <PageErrorBoundary>
              <Suspense fallback={<Loading />}>
                <Routes>
                  <Route path="/" element={<HomePage />} />
                  <Route path="/procedures/:id" element={<ProcedurePage />} />
                  <Route path="/procedures/:id/steps/:step" element={<StepPage />} />
                  <Route path="/procedures/:id/check" element={<CheckPage />} />
                  <Route path="/procedures/:id/complete" element={<CompletePage />} />
                  <Route path="/procedures/:id/corrected" element={<CorrectedPage />} />
                  <Route path="/status" element={<StatusPage />} />
                  <Route path="/sign-in" element={<SignInPage />} />
                  <Route path="/mypage" element={<MyPage />} />
                  <Route path="/mypage/submissions/:ref" element={<MySubmissionPage />} />
                  <Route path="/payments/return" element={<PaymentReturnPage />} />
                  <Route path="/verify/:ref/:sha" element={<VerifyPage />} />
                  <Route path="/staff" element={<StaffLoginPage />} />
                  <Route path="/staff/queue" element={<QueuePage />} />
                  <Route path="/staff/submissions/:ref" element={<DetailPage />} />
                  <Route path="/staff/dashboard" element={<DashboardPage />} />
                  <Route path="/staff/previews" element={<PreviewPage />} />
                  <Route path="/staff/previews/:previewId/*" element={<PreviewFrame />} />
                  <Route path="/staff/counts" element={<CountsPage />} />
                  <Route path="/staff/counter" element={<CounterPage />} />
                  <Route path="/staff/mfa" element={<MfaPage />} />
                  <Route path="/staff/account" element={<AccountPage />} />
                  <Route path="/staff/admin/accounts" element={<AccountsPage />} />
                  <Route path="/staff/admin/accounts/:id" element={<AccountEditPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Routes>
              </Suspense>
            </PageErrorBoundary>
          </Layout>
        </BrowserRouter>
      </ResidentProvider>
    </I18nProvider>
  );
}
