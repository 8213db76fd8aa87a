/**
 * "Hồ sơ cần xét": the reviewer's queue. Tabs by state with counts, filters,
 * sortable columns and server-side paging; every choice lives in the URL so
 * a link or the back button returns to the same list.
 */
import {
  Box,
  Button,
  EmptyStateLayout,
  Field,
  Flex,
  Grid,
  LinkButton,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tabs,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { CaretDown, CaretUp, Download, Search } from '@strapi/icons';
import { Layouts, Page, Pagination, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useEffect, useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import { QUEUE_TAB_KEYS, QUEUE_TAB_LABELS, type QueueTab } from '../../../shared/workflow';
import type { QueueOptions, QueueResponse, QueueRow } from '../api/types';
import { useDownload } from '../api/useDownload';
import { errorMessage, useRequest } from '../api/useRequest';
import { InboxButton } from '../components/InboxButton';
import { StateBadge } from '../components/StateBadge';
import { UnitPicker } from '../components/UnitPicker';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';
import { formatDateTime, formatNumber, ORIGIN_LABELS, SUBJECT_LABELS } from '../utils/format';
import { useT } from '../utils/useT';

type Query = {
  tab?: string;
  period?: string;
  field?: string;
  subjectType?: string;
  origin?: string;
  unit?: string;
  q?: string;
  sort?: string;
  page?: string;
  pageSize?: string;
};

const FILTER_KEYS = ['period', 'field', 'subjectType', 'origin', 'unit', 'q'] as const;

const COLUMNS: Array<{ key: string; label: string; sort?: string }> = [
  { key: 'title', label: 'Tên mô hình', sort: 'title' },
  { key: 'ownerUnit', label: 'Đơn vị chủ trì' },
  { key: 'field', label: 'Lĩnh vực' },
  { key: 'subjectType', label: 'Đối tượng', sort: 'subjectType' },
  { key: 'period', label: 'Đợt' },
  { key: 'reviewState', label: 'Trạng thái', sort: 'reviewState' },
  { key: 'updatedAt', label: 'Cập nhật', sort: 'updatedAt' },
];

const isTab = (value: string | undefined): value is QueueTab => QUEUE_TAB_KEYS.includes(value as QueueTab);

export const QueuePage = () => {
  const [{ query }, setQuery] = useQueryParams<Query>();
  const tab: QueueTab = isTab(query.tab) ? query.tab : 'waiting';
  const sort = query.sort ?? 'updatedAt:desc';
  const [sortField, sortOrder] = sort.split(':');
  const { allowedActions } = useRBAC([...PERMISSIONS.batch, ...PERMISSIONS.record, ...PERMISSIONS.report]);

  const apiUrl = useMemo(() => {
    const params = new URLSearchParams({ tab, sort, page: query.page ?? '1', pageSize: query.pageSize ?? '25' });
    for (const key of FILTER_KEYS) {
      const value = query[key];
      if (value) params.set(key, String(value));
    }
    return `/${PLUGIN_ID}/queue?${params.toString()}`;
  }, [tab, sort, query]);

  /** The export of the same tab, filters and order: every page, not only the one shown. */
  const exportUrl = (format: 'xlsx' | 'csv') => {
    const params = new URLSearchParams(apiUrl.split('?')[1]);
    params.delete('page');
    params.delete('pageSize');
    params.set('format', format);
    return `/${PLUGIN_ID}/exports/queue?${params.toString()}`;
  };
  const exports = useDownload();
  const t = useT();

  const options = useRequest<QueueOptions>(`/${PLUGIN_ID}/queue/options`);
  const queue = useRequest<QueueResponse>(apiUrl);
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);

  /** Changes filters and goes back to the first page. */
  const setFilters = (next: Partial<Query>) => {
    const cleared = Object.entries(next)
      .filter(([, value]) => !value)
      .map(([key]) => key);
    const kept = Object.fromEntries(Object.entries(next).filter(([, value]) => value));
    const merged = { ...query, ...kept, page: '1' } as Record<string, string | undefined>;
    for (const key of cleared) delete merged[key];
    setQuery(merged as Query, 'push', true);
  };

  const toggleSort = (field: string) => {
    const order = sortField === field && sortOrder === 'asc' ? 'desc' : 'asc';
    setQuery({ sort: `${field}:${order}`, page: '1' });
  };

  if (options.error) {
    return (
      <Page.Main>
        <Page.Title>Hồ sơ cần xét</Page.Title>
        <Layouts.Header title="Hồ sơ cần xét" />
        <Layouts.Content>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
            <Typography role="alert" textColor="danger600">
              {errorMessage(options.error)}
            </Typography>
          </Box>
        </Layouts.Content>
      </Page.Main>
    );
  }
  if (!options.data) return <Page.Loading />;

  const { reviewer } = options.data;
  const data = queue.data;
  const hasFilters = FILTER_KEYS.some((key) => Boolean(query[key]));

  const results = queue.error ? (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
      <Typography role="alert" textColor="danger600">
        {errorMessage(queue.error)}
      </Typography>
    </Box>
  ) : data && data.results.length === 0 ? (
    <EmptyStateLayout
      content={
        hasFilters
          ? 'Không có mô hình nào khớp bộ lọc. Hãy bỏ bớt điều kiện lọc.'
          : `Không có mô hình nào ở mục “${QUEUE_TAB_LABELS[tab]}” trong phạm vi của đơn vị.`
      }
    />
  ) : (
    <Table colCount={COLUMNS.length} rowCount={(data?.results.length ?? 0) + 1}>
      <Thead>
        <Tr>
          {COLUMNS.map((column) => {
            const active = column.sort && sortField === column.sort;
            return (
              <Th key={column.key}>
                {column.sort ? (
                  <SortButton
                    onClick={() => toggleSort(column.sort as string)}
                    label={column.label}
                    active={Boolean(active)}
                    order={sortOrder}
                  />
                ) : (
                  <Typography variant="sigma" textColor="neutral600">
                    {column.label}
                  </Typography>
                )}
              </Th>
            );
          })}
        </Tr>
      </Thead>
      <Tbody>
        {(data?.results ?? []).map((row) => (
          <QueueRowView key={row.documentId} row={row} />
        ))}
      </Tbody>
    </Table>
  );

  return (
    <Page.Main aria-busy={queue.isLoading}>
      <Page.Title>Hồ sơ cần xét</Page.Title>
      <Layouts.Header
        title="Hồ sơ cần xét"
        subtitle={`Đơn vị xét duyệt: ${reviewer.unit.name}${reviewer.level ? ` · Cấp: ${reviewer.level.name}` : ''}`}
        secondaryAction={<InboxButton />}
        primaryAction={
          <Flex gap={2}>
            {allowedActions.canRecord ? (
              <LinkButton tag={RouterLink} to={`/plugins/${PLUGIN_ID}/import`} variant="tertiary">
                Nhập dữ liệu
              </LinkButton>
            ) : null}
            {allowedActions.canCreateReport ? (
              <LinkButton tag={RouterLink} to={`/plugins/${PLUGIN_ID}/report`} variant="tertiary">
                Tạo báo cáo tổng kết
              </LinkButton>
            ) : null}
            {(['xlsx', 'csv'] as const).map((format) => (
              <Button
                key={format}
                variant="tertiary"
                startIcon={<Download />}
                loading={exports.running === exportUrl(format)}
                onClick={() => exports.download(exportUrl(format), `Hồ sơ cần xét - ${reviewer.unit.name} - ${QUEUE_TAB_LABELS[tab]}.${format}`)}
                title={t('queue.exportHint')}
              >
                {t(format === 'xlsx' ? 'queue.exportXlsx' : 'queue.exportCsv')}
              </Button>
            ))}
            {allowedActions.canDecideBatch ? (
              <LinkButton tag={RouterLink} to={`/plugins/${PLUGIN_ID}/batch`} variant="secondary">
                Quyết định công nhận
              </LinkButton>
            ) : null}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius tag="section" aria-label="Bộ lọc">
            <form
              role="search"
              onSubmit={(event) => {
                event.preventDefault();
                setFilters({ q: text.trim() });
              }}
            >
              <Grid.Root gap={4}>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="q" width="100%">
                    <Field.Label>Tìm theo tên, nội dung (gõ có dấu hoặc không dấu)</Field.Label>
                    <Field.Input
                      type="search"
                      value={text}
                      placeholder="Ví dụ: dan van kheo"
                      onChange={(event: React.ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
                      startAction={<Search aria-hidden />}
                    />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
                  <FilterSelect label="Đợt thi đua" value={query.period} onChange={(period) => setFilters({ period })}>
                    {options.data.periods.map((period) => (
                      <SingleSelectOption key={period.id} value={String(period.id)}>
                        {period.name}
                      </SingleSelectOption>
                    ))}
                  </FilterSelect>
                </Grid.Item>
                <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
                  <FilterSelect label="Lĩnh vực" value={query.field} onChange={(field) => setFilters({ field })}>
                    {options.data.fields.map((field) => (
                      <SingleSelectOption key={field.id} value={String(field.id)}>
                        {field.name}
                      </SingleSelectOption>
                    ))}
                  </FilterSelect>
                </Grid.Item>
                <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
                  <FilterSelect label="Đối tượng" value={query.subjectType} onChange={(subjectType) => setFilters({ subjectType })}>
                    {Object.entries(SUBJECT_LABELS).map(([value, label]) => (
                      <SingleSelectOption key={value} value={value}>
                        {label}
                      </SingleSelectOption>
                    ))}
                  </FilterSelect>
                </Grid.Item>
                <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
                  <FilterSelect label="Nguồn gốc" value={query.origin} onChange={(origin) => setFilters({ origin })}>
                    {Object.entries(ORIGIN_LABELS).map(([value, label]) => (
                      <SingleSelectOption key={value} value={value}>
                        {label}
                      </SingleSelectOption>
                    ))}
                  </FilterSelect>
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <UnitPicker units={options.data.units} value={query.unit} onChange={(unit) => setFilters({ unit })} />
                </Grid.Item>
                <Grid.Item col={6} s={12} alignItems="flex-end" gap={2}>
                  <Button type="submit" startIcon={<Search />}>
                    Tìm
                  </Button>
                  {hasFilters ? (
                    <Button
                      type="button"
                      variant="tertiary"
                      onClick={() => setFilters({ period: '', field: '', subjectType: '', origin: '', unit: '', q: '' })}
                    >
                      Xóa bộ lọc
                    </Button>
                  ) : null}
                </Grid.Item>
              </Grid.Root>
            </form>
          </Box>

          {exports.error ? (
            <Typography role="alert" textColor="danger600">
              {t('statistics.exportFailed', { message: exports.error })}
            </Typography>
          ) : null}

          <Tabs.Root value={tab} onValueChange={(value: string) => setQuery({ tab: value, page: '1' })}>
            <Tabs.List aria-label="Trạng thái hồ sơ">
              {QUEUE_TAB_KEYS.map((key) => (
                <Tabs.Trigger key={key} value={key}>
                  {`${QUEUE_TAB_LABELS[key]} (${data ? formatNumber(data.counts[key]) : '…'})`}
                </Tabs.Trigger>
              ))}
            </Tabs.List>
            {QUEUE_TAB_KEYS.map((key) => (
              // Every panel exists, so each tab's aria-controls points at one; only the chosen one shows the list.
              <Tabs.Content key={key} value={key} forceMount style={key === tab ? undefined : { display: 'none' }}>
                <Box paddingTop={4}>{key === tab ? results : null}</Box>
              </Tabs.Content>
            ))}
          </Tabs.Root>

          {data && data.pagination.total > 0 ? (
            <Pagination.Root pageCount={data.pagination.pageCount} total={data.pagination.total} defaultPageSize={25}>
              <Pagination.PageSize options={['10', '25', '50', '100']} />
              <Pagination.Links />
            </Pagination.Root>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const FilterSelect = ({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  children: React.ReactNode;
}) => (
  <Field.Root width="100%">
    <Field.Label>{label}</Field.Label>
    <SingleSelect
      value={value ?? ''}
      placeholder="Tất cả"
      onChange={(next: string | number) => onChange(String(next))}
      onClear={() => onChange('')}
      clearLabel={`Bỏ lọc ${label.toLowerCase()}`}
    >
      {children}
    </SingleSelect>
  </Field.Root>
);

const SortButton = ({ label, active, order, onClick }: { label: string; active: boolean; order: string; onClick: () => void }) => (
  <button
    type="button"
    onClick={onClick}
    style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', display: 'inline-flex', gap: 4, alignItems: 'center' }}
  >
    <Typography variant="sigma" textColor={active ? 'primary600' : 'neutral600'}>
      {label}
    </Typography>
    {active ? order === 'asc' ? <CaretUp aria-hidden width="1rem" /> : <CaretDown aria-hidden width="1rem" /> : null}
    <VisuallyHidden>
      {active ? (order === 'asc' ? ', đang sắp xếp tăng dần' : ', đang sắp xếp giảm dần') : ', bấm để sắp xếp'}
    </VisuallyHidden>
  </button>
);

const QueueRowView = ({ row }: { row: QueueRow }) => (
  <Tr>
    <Td style={{ whiteSpace: 'normal', maxWidth: '28rem' }}>
      <RouterLink to={`/plugins/${PLUGIN_ID}/models/${row.documentId}`} style={{ color: 'inherit' }}>
        <Typography fontWeight="bold" textColor="primary700">
          {row.title}
        </Typography>
      </RouterLink>
    </Td>
    <Td>
      <Typography textColor="neutral800">{row.ownerUnit?.name ?? '—'}</Typography>
    </Td>
    <Td>
      <Typography textColor="neutral800">{row.field?.name ?? '—'}</Typography>
    </Td>
    <Td>
      <Typography textColor="neutral800">{SUBJECT_LABELS[row.subjectType] ?? row.subjectType}</Typography>
    </Td>
    <Td>
      <Typography textColor="neutral800">{row.period?.name ?? '—'}</Typography>
    </Td>
    <Td>
      <StateBadge state={row.reviewState} />
    </Td>
    <Td>
      <Typography textColor="neutral800">{formatDateTime(row.updatedAt)}</Typography>
    </Td>
  </Tr>
);
