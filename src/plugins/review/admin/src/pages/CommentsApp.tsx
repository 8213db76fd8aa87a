import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';

import { PERMISSIONS } from '../permissions';
import { CommentsPage } from './CommentsPage';

/** The moderation of readers' comments, for the holders of `moderate-comments` (editors). */
const CommentsApp = () => (
  <Routes>
    <Route
      index
      element={
        <Page.Protect permissions={PERMISSIONS.moderateComments}>
          <CommentsPage />
        </Page.Protect>
      }
    />
    <Route path="*" element={<Page.Error />} />
  </Routes>
);

export default CommentsApp;
