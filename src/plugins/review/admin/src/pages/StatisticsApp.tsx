import { Page } from '@strapi/strapi/admin';

import { PERMISSIONS } from '../permissions';
import { StatisticsPage } from './StatisticsPage';

/** "Thống kê phong trào", its own menu entry (plugins/review/statistics), for whoever may read the statistics. */
const StatisticsApp = () => (
  <Page.Protect permissions={PERMISSIONS.statistics}>
    <StatisticsPage />
  </Page.Protect>
);

export default StatisticsApp;
