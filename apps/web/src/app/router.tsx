import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { LoginPage } from '../features/auth/LoginPage';
import { WorkflowsPage } from '../features/workflows/WorkflowsPage';
import { RunsPage } from '../features/runs/RunsPage';
import { ReviewsPage } from '../features/reviews/ReviewsPage';
import { LibraryPage } from '../features/library/LibraryPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { CredentialsPage } from '../features/credentials/CredentialsPage';
import { SchedulesPage } from '../features/schedules/SchedulesPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { KnowledgePage } from '../features/knowledge/KnowledgePage';
import { KnowledgeBasePage } from '../features/knowledge/KnowledgeBasePage';
import { NotFoundPage } from './NotFoundPage';
import { RequireAuth } from './RequireAuth';
import { Shell } from './Shell';

const EditorPage = lazy(() => import('../features/editor/EditorPage'));
const ReviewPage = lazy(() =>
  import('../features/reviews/ReviewPage').then((m) => ({ default: m.ReviewPage })),
);

function Lazy({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <Center h="100%" mih={240}>
          <Loader />
        </Center>
      }
    >
      {children}
    </Suspense>
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/workflows" replace /> },
      { path: 'workflows', element: <WorkflowsPage /> },
      {
        path: 'workflows/:workflowId',
        element: (
          <Lazy>
            <EditorPage />
          </Lazy>
        ),
      },
      { path: 'runs', element: <RunsPage /> },
      { path: 'reviews', element: <ReviewsPage /> },
      {
        path: 'reviews/:reviewId',
        element: (
          <Lazy>
            <ReviewPage />
          </Lazy>
        ),
      },
      { path: 'content', element: <LibraryPage /> },
      { path: 'schedules', element: <SchedulesPage /> },
      { path: 'calendar', element: <CalendarPage /> },
      { path: 'knowledge', element: <KnowledgePage /> },
      { path: 'knowledge/:knowledgeBaseId', element: <KnowledgeBasePage /> },
      { path: 'credentials', element: <CredentialsPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
