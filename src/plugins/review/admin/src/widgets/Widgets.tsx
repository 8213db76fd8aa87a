import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import { QUEUE_TAB_KEYS, QUEUE_TAB_LABELS } from '../../../shared/workflow';
import type { QueueResponse, QueueRow } from '../api/types';
import { errorMessage, useRequest } from '../api/useRequest';
import { PLUGIN_ID } from '../pluginId';
import { formatNumber } from '../utils/format';
import { funnelUrl, toFunnel, type FunnelRow } from './funnel';

/** Counts per queue tab in the reviewer's scope, each linking to its tab. */
export const QueueWidget = () => {
  const queue = useRequest<QueueResponse>(`/${PLUGIN_ID}/queue?tab=waiting&pageSize=1`);
  if (queue.isLoading) return <Widget.Loading />;
  if (!queue.data) return <Widget.Error>{errorMessage(queue.error)}</Widget.Error>;
  const counts = queue.data.counts;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {QUEUE_TAB_KEYS.map((tab) => (
        <li key={tab}>
          <Flex justifyContent="space-between" paddingTop={2} paddingBottom={2}>
            <Link tag={RouterLink} to={`/plugins/${PLUGIN_ID}?tab=${tab}`}>
              {QUEUE_TAB_LABELS[tab]}
            </Link>
            <Typography fontWeight="bold">{formatNumber(counts[tab])}</Typography>
          </Flex>
        </li>
      ))}
    </ul>
  );
};

/** Models proposed to the top level and ready for the leadership's decision. */
export const BatchWidget = () => {
  const candidates = useRequest<{ results: QueueRow[] }>(`/${PLUGIN_ID}/batch-candidates`);
  if (candidates.isLoading) return <Widget.Loading />;
  if (!candidates.data) return <Widget.Error>{errorMessage(candidates.error)}</Widget.Error>;
  const rows = candidates.data.results;
  if (rows.length === 0) return <Widget.NoData>Không có mô hình nào chờ quyết định công nhận.</Widget.NoData>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography fontWeight="bold">{`${formatNumber(rows.length)} mô hình đủ điều kiện chờ quyết định`}</Typography>
      <ul style={{ margin: 0, paddingLeft: '1.6rem' }}>
        {rows.slice(0, 5).map((row) => (
          <li key={row.documentId}>
            <Typography>{`${row.title} (${row.ownerUnit?.name ?? '—'})`}</Typography>
          </li>
        ))}
      </ul>
      <Link tag={RouterLink} to={`/plugins/${PLUGIN_ID}/batch`}>
        Lập quyết định công nhận
      </Link>
    </Flex>
  );
};

/** The current period's review funnel, as bars. */
export const FunnelWidget = () => {
  const year = new Date().getFullYear();
  const [rows, setRows] = useState<FunnelRow[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    fetch(funnelUrl(year))
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((body: unknown) => !cancelled && setRows(toFunnel(body)))
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [year]);
  if (failed) return <Widget.Error>{`Không tải được thống kê năm ${year}.`}</Widget.Error>;
  if (rows === null) return <Widget.Loading />;
  if (rows.length === 0 || rows[0].value === 0) return <Widget.NoData>{`Năm ${year} chưa có mô hình đăng ký.`}</Widget.NoData>;
  const max = Math.max(...rows.map((row) => row.value), 1);
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={`Kết quả xét duyệt năm ${year}`}>
      {rows.map((row) => (
        <li key={row.label}>
          <Flex justifyContent="space-between">
            <Typography variant="pi">{row.label}</Typography>
            <Typography variant="pi" fontWeight="bold">
              {formatNumber(row.value)}
            </Typography>
          </Flex>
          <Box background="neutral150" hasRadius height="0.8rem" marginBottom={2}>
            <Box background="primary600" hasRadius height="0.8rem" style={{ width: `${(row.value / max) * 100}%` }} />
          </Box>
        </li>
      ))}
    </ul>
  );
};
