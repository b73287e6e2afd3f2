import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { I18nProvider } from './i18n.tsx';
import { CheckPage } from './pages/CheckPage.tsx';
import { CompletePage } from './pages/CompletePage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ProcedurePage } from './pages/ProcedurePage.tsx';
import { StatusPage } from './pages/StatusPage.tsx';
import { StepPage } from './pages/StepPage.tsx';

export function App() {
  return (
    <I18nProvider>
      <BrowserRouter>
        <Layout>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/procedures/:id" element={<ProcedurePage />} />
            <Route path="/procedures/:id/steps/:step" element={<StepPage />} />
            <Route path="/procedures/:id/check" element={<CheckPage />} />
            <Route path="/procedures/:id/complete" element={<CompletePage />} />
            <Route path="/status" element={<StatusPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Layout>
      </BrowserRouter>
    </I18nProvider>
  );
}
