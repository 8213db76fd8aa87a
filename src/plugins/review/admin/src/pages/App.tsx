import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';

import { PERMISSIONS } from '../permissions';
import { BatchPage } from './BatchPage';
import { InboxPage } from './InboxPage';
import { ModelPage } from './ModelPage';
import { QueuePage } from './QueuePage';

/** The review workspace: the queue, a model's page, and the leadership's batch decision, each behind its permission. */
const App = () => (
  <Routes>
    <Route
      index
      element={
        <Page.Protect permissions={PERMISSIONS.review}>
          <QueuePage />
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
