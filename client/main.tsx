import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { sweepDrafts } from './draft.ts';
import './styles.css';

// Drafts left untouched for more than a week are deleted before anything else runs.
sweepDrafts();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
