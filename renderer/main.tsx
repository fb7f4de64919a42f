// Renderer entry: fonts and styles, the query client, and the root component.
import '@fontsource-variable/inter/wght.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/auth.css';
import './styles/pages.css';
import './styles/form-controls.css';
import './styles/components.css';
import './styles/client-list.css';
import './styles/chart.css';
import './styles/intake.css';
import './styles/screenings.css';
import './styles/notes.css';
import './styles/note-view.css';
import './styles/note-links.css';
import './styles/notes-lists.css';
import './styles/note-templates.css';
import './styles/lock.css';
import './styles/releases.css';
import './styles/releases-review.css';
import './styles/releases-rules.css';
import './styles/restrictions.css';
import './styles/review-queue.css';
import './styles/amendments.css';
import './styles/retention.css';
import './styles/rights-reviews.css';
import './styles/backup.css';
import './styles/audit.css';
import './styles/diagnoses.css';
import './styles/plans.css';
import './styles/cover.css';
import './styles/emergency.css';
import './styles/second-factor.css';
import './styles/print.css';
import './styles/print-records.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { createQueryClient, createSessionGoneSignal } from './app/query-client.ts';

const sessionGone = createSessionGoneSignal();
const queryClient = createQueryClient(sessionGone);
const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App sessionGone={sessionGone} />
    </QueryClientProvider>
  </StrictMode>,
);
