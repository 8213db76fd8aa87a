/**
 * "Thống kê phong trào": the movement's figures for a year or a span of
 * years and a unit subtree of the admin's scope — totals with growth, the
 * review funnel per level, fields with the change on the span before,
 * subject type, origin, unit kinds, units and the top units. Each chart has
 * its table beside it (the same rows the exports write, from
 * shared/statistics-tables.ts), every table exports to XLSX or CSV, and the
 * page prints cleanly. Every choice lives in the URL.
 */
import { Alert, Box, Button, Field, Flex, Grid, MultiSelect, MultiSelectOption, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Layouts, Page, useQueryParams } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { createGlobalStyle, useTheme } from 'styled-components';

import {
  spanLabel,
  statisticsTable,
  type StatisticsReport,
  type StatisticsTable,
  type TableColumn,
  type TableRow,
} from '../../../shared/statistics-tables';
import type { QueueOptions } from '../api/types';
import { useDownload } from '../api/useDownload';
import { errorMessage, useRequest } from '../api/useRequest';
import { UnitPicker } from '../components/UnitPicker';
import { PLUGIN_ID } from '../pluginId';
import { formatNumber } from '../utils/format';
import { useT } from '../utils/useT';

type Options = { scope: { unitId: number | null; unitName: string | null }; years: number[]; kinds: Array<{ code: string; name: string }>; units: QueueOptions['units'] };
type Query = { mode?: string; year?: string; from?: string; to?: string; unit?: string; kind?: string };

/** Print: only the report — no admin menu, filters or buttons; charts and tables kept whole. */
const PrintStyle = createGlobalStyle`
  @media print {
    @page { size: A4 landscape; margin: 12mm; }
    nav, header[data-strapi-header-sticky], [data-print='hide'] { display: none !important; }
    body, #strapi, main { overflow: visible !important; height: auto !important; background: #fff !important; }
    [data-print='section'] { break-inside: avoid; box-shadow: none !important; border: 1px solid #ccc; }
    [data-print='only'] { display: block !important; }
  }
  [data-print='only'] { display: none; }
`;

const currentYear = () => new Date().getFullYear();

export const StatisticsPage = () => {
  const t = useT();
  const [{ query }, setQuery] = useQueryParams<Query>();
  const options = useRequest<Options>(`/${PLUGIN_ID}/statistics/options`);
  const { download, running, error: downloadError } = useDownload();

  const years = options.data?.years ?? [];
  const latest = years[0] ?? currentYear();
  const mode = query.mode === 'range' ? 'range' : 'year';
  const year = Number(query.year ?? latest);
  const from = Number(query.from ?? years[Math.min(2, years.length - 1)] ?? latest);
  const to = Number(query.to ?? latest);
  const params = useMemo(() => {
    const search = new URLSearchParams(mode === 'range' ? { from: String(Math.min(from, to)), to: String(Math.max(from, to)) } : { year: String(year) });
    if (query.unit) search.set('unit', query.unit);
    if (query.kind) search.set('kind', query.kind);
    return search.toString();
  }, [mode, year, from, to, query.unit, query.kind]);
  const report = useRequest<StatisticsReport>(options.data ? `/${PLUGIN_ID}/statistics?${params}` : null);

  const setFilter = (next: Partial<Query>) => {
    const merged: Record<string, string | undefined> = { ...query, ...next };
    for (const key of Object.keys(merged)) if (!merged[key]) delete merged[key];
    setQuery(merged as Query, 'push', true);
  };

  if (options.error) {
    return (
      <Page.Main>
        <Page.Title>{t('statistics.title')}</Page.Title>
        <Layouts.Header title={t('statistics.title')} />
        <Layouts.Content>
          <Alert variant="danger" closeLabel="Đóng" title="">
            {errorMessage(options.error)}
          </Alert>
        </Layouts.Content>
      </Page.Main>
    );
  }
  if (!options.data) return <Page.Loading />;

  const data = report.data;
  const span = data ? spanLabel(data.from, data.to) : mode === 'range' ? spanLabel(Math.min(from, to), Math.max(from, to)) : String(year);
  const unitName = data?.scope.name ?? null;
  const subtitle = unitName ? t('statistics.subtitle.unit', { unit: unitName, span }) : t('statistics.subtitle.province', { span });
  const fileSuffix = `${span}${unitName ? ` - ${unitName}` : ''}`;
  const exportUrl = (extra: Record<string, string>) => `/${PLUGIN_ID}/exports/statistics?${params}&${new URLSearchParams(extra).toString()}`;
  const yearOptions = years.length > 0 ? years : [latest];

  return (
    <Page.Main aria-busy={report.isLoading}>
      <PrintStyle />
      <Page.Title>{t('statistics.title')}</Page.Title>
      <Layouts.Header
        title={t('statistics.title')}
        subtitle={subtitle}
        primaryAction={
          <Flex gap={2} data-print="hide">
            <Button variant="secondary" onClick={() => window.print()}>
              {t('statistics.print')}
            </Button>
            <Button
              startIcon={<Download />}
              loading={running === exportUrl({ format: 'xlsx' })}
              onClick={() => download(exportUrl({ format: 'xlsx' }), `Thống kê phong trào ${fileSuffix}.xlsx`)}
            >
              {t('statistics.exportAll')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius tag="section" aria-label={t('statistics.filters')} data-print="hide">
            <Grid.Root gap={4}>
              <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
                <Field.Root width="100%">
                  <Field.Label>{t('statistics.mode')}</Field.Label>
                  <SingleSelect value={mode} onChange={(value: string | number) => setFilter({ mode: value === 'range' ? 'range' : undefined })}>
                    <SingleSelectOption value="year">{t('statistics.mode.year')}</SingleSelectOption>
                    <SingleSelectOption value="range">{t('statistics.mode.range')}</SingleSelectOption>
                  </SingleSelect>
                </Field.Root>
              </Grid.Item>
              {mode === 'year' ? (
                <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
                  <YearSelect label={t('statistics.year')} value={year} years={yearOptions} onChange={(value) => setFilter({ year: value })} />
                </Grid.Item>
              ) : (
                <>
                  <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
                    <YearSelect label={t('statistics.from')} value={from} years={yearOptions} onChange={(value) => setFilter({ from: value })} />
                  </Grid.Item>
                  <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
                    <YearSelect label={t('statistics.to')} value={to} years={yearOptions} onChange={(value) => setFilter({ to: value })} />
                  </Grid.Item>
                </>
              )}
              <Grid.Item col={mode === 'year' ? 5 : 3} s={12} direction="column" alignItems="stretch">
                <UnitPicker units={options.data.units} value={query.unit} onChange={(unit) => setFilter({ unit })} />
              </Grid.Item>
              <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                <Field.Root width="100%" hint={t('statistics.kinds.hint')}>
                  <Field.Label>{t('statistics.kinds')}</Field.Label>
                  <MultiSelect
                    value={query.kind ? query.kind.split(',') : []}
                    placeholder={t('statistics.kinds.all')}
                    withTags
                    onChange={(kinds: string[]) => setFilter({ kind: kinds.join(',') || undefined })}
                    onClear={() => setFilter({ kind: undefined })}
                    clearLabel={t('statistics.kinds.clear')}
                  >
                    {options.data.kinds.map((kind) => (
                      <MultiSelectOption key={kind.code} value={kind.code}>
                        {kind.name}
                      </MultiSelectOption>
                    ))}
                  </MultiSelect>
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
          </Box>

          {downloadError ? (
            <Alert variant="danger" closeLabel="Đóng" title="">
              {t('statistics.exportFailed', { message: downloadError })}
            </Alert>
          ) : null}
          {report.error ? (
            <Alert variant="danger" closeLabel="Đóng" title="">
              {errorMessage(report.error)}
            </Alert>
          ) : null}

          <Box data-print="only">
            <Typography variant="pi" tag="p">
              {t('statistics.printedAt', { at: new Date().toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) })}
            </Typography>
          </Box>

          {data ? (
            <>
              <Totals
                report={data}
                running={running}
                onExport={(format, title) => download(exportUrl({ format, table: 'summary' }), `Thống kê phong trào ${fileSuffix} - ${title}.${format}`)}
              />
              {data.total === 0 && data.byState.draft === 0 ? (
                <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
                  <Typography>{t('statistics.empty')}</Typography>
                </Box>
              ) : null}
              <Flex gap={2} data-print="hide" justifyContent="flex-end">
                <Button
                  variant="tertiary"
                  startIcon={<Download />}
                  loading={running?.includes('/exports/directory') ?? false}
                  onClick={() => download(`/${PLUGIN_ID}/exports/directory?${params}&format=xlsx`, `Mô hình được công nhận ${fileSuffix}.xlsx`)}
                >
                  {t('statistics.exportDirectory')}
                </Button>
              </Flex>
              {SECTIONS.map((section) => (
                <Section
                  key={section.table}
                  table={statisticsTable(section.table) as StatisticsTable}
                  report={data}
                  chart={section.chart}
                  running={running}
                  onExport={(format, title) => download(exportUrl({ format, table: section.table }), `Thống kê phong trào ${fileSuffix} - ${title}.${format}`)}
                />
              ))}
            </>
          ) : (
            <Page.Loading />
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const YearSelect = ({ label, value, years, onChange }: { label: string; value: number; years: number[]; onChange: (value: string) => void }) => (
  <Field.Root width="100%">
    <Field.Label>{label}</Field.Label>
    <SingleSelect value={String(value)} onChange={(next: string | number) => onChange(String(next))}>
      {years.map((year) => (
        <SingleSelectOption key={year} value={String(year)}>
          {String(year)}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  </Field.Root>
);

const Totals = ({ report, running, onExport }: Exporter & { report: StatisticsReport }) => {
  const t = useT();
  const recognised = report.byRecognitionLevel.reduce((sum, level) => sum + level.count, 0);
  const { absolute, percent } = report.growth;
  const sign = absolute > 0 ? '+' : absolute < 0 ? '−' : '';
  const cards = [
    { label: t('statistics.total'), value: formatNumber(report.total), note: spanLabel(report.from, report.to) },
    { label: t('statistics.previous', { span: spanLabel(report.previous.from, report.previous.to) }), value: formatNumber(report.previous.total), note: '' },
    {
      label: t('statistics.growth'),
      value: `${sign}${formatNumber(Math.abs(absolute))}`,
      note: percent === null ? t('statistics.noPrevious') : `${sign}${formatNumber(Math.abs(percent))} %`,
    },
    { label: t('statistics.recognised'), value: formatNumber(recognised), note: '' },
  ];
  const summary = statisticsTable('summary') as StatisticsTable;
  return (
    <Box tag="section" aria-label={t('statistics.total')}>
      <Flex justifyContent="space-between" alignItems="center" paddingBottom={2} gap={2} wrap="wrap">
        <Typography variant="delta" tag="h2">
          {summary.title}
        </Typography>
        <ExportButtons table={summary} running={running} onExport={onExport} />
      </Flex>
      <Grid.Root gap={4}>
        {cards.map((card) => (
          <Grid.Item key={card.label} col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius data-print="section">
              <Typography variant="sigma" textColor="neutral600" tag="p">
                {card.label}
              </Typography>
              <Typography variant="alpha" tag="p" data-testid={`total-${card.label}`}>
                {card.value}
              </Typography>
              <Typography variant="pi" textColor="neutral600" tag="p">
                {card.note || '\u00a0'}
              </Typography>
            </Box>
          </Grid.Item>
        ))}
      </Grid.Root>
    </Box>
  );
};

type ChartKind = 'bars' | 'pie' | 'compare' | 'funnel' | 'horizontal' | 'none';

/** Which table each section shows, in order, and how its chart draws it. */
const SECTIONS: Array<{ table: string; chart: ChartKind }> = [
  { table: 'byYear', chart: 'bars' },
  { table: 'funnel', chart: 'funnel' },
  { table: 'byField', chart: 'compare' },
  { table: 'bySubjectType', chart: 'pie' },
  { table: 'byOrigin', chart: 'pie' },
  { table: 'byRecognitionLevel', chart: 'bars' },
  { table: 'byState', chart: 'horizontal' },
  { table: 'byUnitKind', chart: 'bars' },
  { table: 'byUnit', chart: 'horizontal' },
  { table: 'topUnits', chart: 'horizontal' },
];

const cell = (column: TableColumn, value: TableRow[string]) => {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return column.type === 'percent' ? `${formatNumber(value)} %` : column.key === 'rank' ? String(value) : formatNumber(value);
  return value;
};

type Exporter = { running: string | null; onExport: (format: 'xlsx' | 'csv', title: string) => void };

/** XLSX and CSV buttons of one table. */
const ExportButtons = ({ table, running, onExport }: Exporter & { table: StatisticsTable }) => {
  const t = useT();
  const exporting = running !== null && running.includes(`table=${table.key}&`) ? running : null;
  return (
    <Flex gap={2} data-print="hide">
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          size="S"
          variant="tertiary"
          startIcon={<Download />}
          loading={exporting?.includes(`format=${format}`) ?? false}
          onClick={() => onExport(format, table.title)}
          aria-label={t('statistics.exportTable', { action: t(format === 'xlsx' ? 'statistics.exportXlsx' : 'statistics.exportCsv'), table: table.title })}
        >
          {t(format === 'xlsx' ? 'statistics.exportXlsx' : 'statistics.exportCsv')}
        </Button>
      ))}
    </Flex>
  );
};

const Section = ({
  table,
  report,
  chart,
  running,
  onExport,
}: {
  table: StatisticsTable;
  report: StatisticsReport;
  chart: ChartKind;
  running: string | null;
  onExport: (format: 'xlsx' | 'csv', title: string) => void;
}) => {
  const rows = table.rows(report);
  const wide = table.columns.length > 5;
  return (
    <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius tag="section" aria-labelledby={`table-${table.key}`} data-print="section">
      <Flex justifyContent="space-between" alignItems="center" paddingBottom={3} gap={2} wrap="wrap">
        <Typography variant="delta" tag="h2" id={`table-${table.key}`}>
          {table.title}
        </Typography>
        <ExportButtons table={table} running={running} onExport={onExport} />
      </Flex>
      <Grid.Root gap={4}>
        {/* A wide table (the funnel's nine columns) goes under its chart; the others beside it. */}
        <Grid.Item col={wide ? 12 : 6} s={12} direction="column" alignItems="stretch">
          <Chart kind={chart} table={table} rows={rows} />
        </Grid.Item>
        <Grid.Item col={wide ? 12 : 6} s={12} direction="column" alignItems="stretch">
          <DataTable table={table} rows={rows} />
        </Grid.Item>
      </Grid.Root>
    </Box>
  );
};

const DataTable = ({ table, rows }: { table: StatisticsTable; rows: TableRow[] }) => (
  <Box style={{ overflowX: 'auto' }}>
    <Table colCount={table.columns.length} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          {table.columns.map((column) => (
            <Th key={column.key} style={column.type === 'text' ? undefined : { textAlign: 'right' }}>
              <Typography variant="sigma" textColor="neutral600">
                {column.header}
              </Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row, index) => (
          <Tr key={index}>
            {table.columns.map((column) => (
              <Td key={column.key} style={column.type === 'text' ? { whiteSpace: 'normal' } : { textAlign: 'right' }}>
                <Typography textColor="neutral800">{cell(column, row[column.key])}</Typography>
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  </Box>
);

/** The first text column names each bar; the chart draws the table's count columns. */
const Chart = ({ kind, table, rows }: { kind: ChartKind; table: StatisticsTable; rows: TableRow[] }) => {
  const t = useT();
  const theme = useTheme() as unknown as { colors: Record<string, string> };
  const palette = [theme.colors.primary600, theme.colors.success600, theme.colors.warning600, theme.colors.danger600, theme.colors.secondary600, theme.colors.alternative600, theme.colors.neutral500];
  const nameKey = table.columns.find((column) => column.type === 'text' && column.key !== 'code')?.key ?? table.columns[0].key;
  const valueKey = table.columns.find((column) => column.type === 'number' && column.key !== 'rank')?.key ?? 'count';
  const data = rows.map((row) => ({ ...row, name: String(row[nameKey] ?? '—') }));
  const label = t('statistics.chart', { table: table.title });
  const tooltip = <Tooltip formatter={(value) => formatNumber(Number(value))} />;
  const axisTick = { fontSize: 12, fill: theme.colors.neutral800 };

  if (kind === 'none' || data.length === 0) return null;
  const height = kind === 'horizontal' ? Math.max(200, data.length * 32 + 40) : 260;
  return (
    <Box role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={height}>
        {kind === 'pie' ? (
          <PieChart>
            <Pie data={data} dataKey={valueKey} nameKey="name" outerRadius={90} label={({ value }) => formatNumber(Number(value))} isAnimationActive={false}>
              {data.map((entry, index) => (
                <Cell key={entry.name} fill={palette[index % palette.length]} />
              ))}
            </Pie>
            {tooltip}
            <Legend />
          </PieChart>
        ) : kind === 'horizontal' ? (
          <BarChart data={data} layout="vertical" margin={{ left: 16, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={axisTick} />
            <YAxis type="category" dataKey="name" width={170} tick={axisTick} interval={0} />
            {tooltip}
            <Bar dataKey={valueKey} name={t('statistics.series.total')} fill={palette[0]} maxBarSize={28} isAnimationActive={false} />
          </BarChart>
        ) : (
          <BarChart data={data} margin={{ right: 16 }} maxBarSize={56}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={axisTick} interval={0} />
            <YAxis allowDecimals={false} tick={axisTick} />
            {tooltip}
            {kind === 'compare' ? (
              <>
                <Legend />
                <Bar dataKey="previous" name={t('statistics.series.previous')} fill={palette[6]} isAnimationActive={false} />
                <Bar dataKey="count" name={t('statistics.series.count')} fill={palette[0]} isAnimationActive={false} />
              </>
            ) : kind === 'funnel' ? (
              <>
                <Legend />
                <Bar dataKey="entered" name={t('statistics.series.entered')} fill={palette[0]} isAnimationActive={false} />
                <Bar dataKey="recognised" name={t('statistics.series.recognised')} fill={palette[1]} isAnimationActive={false} />
                <Bar dataKey="proposedOnward" name={t('statistics.series.proposed')} fill={palette[2]} isAnimationActive={false} />
              </>
            ) : (
              <Bar dataKey={valueKey} name={t('statistics.series.total')} fill={palette[0]} isAnimationActive={false} />
            )}
          </BarChart>
        )}
      </ResponsiveContainer>
    </Box>
  );
};
