import { Page, useRBAC } from '@strapi/strapi/admin';
import { Navigate, Route, Routes } from 'react-router-dom';

import { PERMISSIONS } from '../permissions';
import { BatchPage } from './BatchPage';
import { InboxPage } from './InboxPage';
import { ImportPage } from './ImportPage';
import { ModelPage } from './ModelPage';
import { QueuePage } from './QueuePage';
import { ReportPage } from './ReportPage';

/** The queue for reviewers; staff who only import or report land on their page. */
const Index = () => {
  const { isLoading, allowedActions } = useRBAC(PERMISSIONS.menu);
  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canReview && allowedActions.canRecord) return <Navigate to="import" replace />;
  if (!allowedActions.canReview && allowedActions.canCreateReport) return <Navigate to="report" replace />;
  return (
    <Page.Protect permissions={PERMISSIONS.review}>
      <QueuePage />
    </Page.Protect>
  );
};

/** The review workspace: the queue, a model's page, and the leadership's batch decision, each behind its permission. */
const App = () => (
  <Routes>
    <Route index element={<Index />} />
    <Route
      path="import"
      element={
        <Page.Protect permissions={PERMISSIONS.record}>
          <ImportPage />
        </Page.Protect>
      }
    />
    <Route
      path="report"
      element={
        <Page.Protect permissions={PERMISSIONS.report}>
          <ReportPage />
        </Page.Protect>
      }
    />
    <Route
      path="models/:documentId"
      element={
        <Page.Protect permissions={PERMISSIONS.review}>
          <ModelPage />
        </Page.Protect>
      }
    />
    <Route
      path="batch"
      element={
        <Page.Protect permissions={PERMISSIONS.batch}>
          <BatchPage />
        </Page.Protect>
      }
    />
    <Route
      path="inbox"
      element={
        <Page.Protect permissions={PERMISSIONS.review}>
          <InboxPage />
        </Page.Protect>
      }
    />
    <Route path="*" element={<Page.Error />} />
  </Routes>
);

export default App;
