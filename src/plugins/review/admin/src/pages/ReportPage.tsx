/**
 * "Tạo báo cáo tổng kết": choose a year, optionally a unit, and the category
 * of the article; the server writes (or updates) the DRAFT article with the
 * Vietnamese summary, tables and the statistics workbook. A link opens the
 * draft in the Content Manager, where editors edit and publish it.
 */
import { Button, Combobox, ComboboxOption, Field, Flex, Grid, Link, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { FileError, Pencil } from '@strapi/icons';
import { Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import type { YearReportResult } from '../../../shared/imports';
import { errorMessage, useRequest } from '../api/useRequest';
import { PluginPage, Section } from '../components/PluginPage';
import { PLUGIN_ID } from '../pluginId';
import { absoluteUrl, formatNumber } from '../utils/format';
import { useT } from '../utils/useT';

const ARTICLE_READ = [{ action: 'plugin::content-manager.explorer.read', subject: 'api::article.article' }];

type ReportOptions = {
  years: number[];
  categories: Array<{ documentId: string; name: string }>;
  units: Array<{ code: string; name: string; kind: string | null }>;
};

export const ReportPage = () => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const options = useRequest<ReportOptions>(`/${PLUGIN_ID}/reports/options`);
  // Only people who may read articles in the Content Manager get the link to the draft.
  const { allowedActions } = useRBAC(ARTICLE_READ);
  const [year, setYear] = useState<number | null>(null);
  const [unit, setUnit] = useState<string>('');
  const [category, setCategory] = useState<string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<YearReportResult | null>(null);

  useEffect(() => {
    if (options.data && year === null && options.data.years.length > 0) setYear(options.data.years[0]);
  }, [options.data, year]);

  const submit = async () => {
    const next: Record<string, string> = {};
    if (!year) next.year = t('report.year.required');
    if (!category) next.category = t('report.category.required');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const response = await post<{ data: YearReportResult }>(`/${PLUGIN_ID}/reports/year-end`, { year, unit: unit || null, category });
      const data = response.data.data;
      setResult(data);
      toggleNotification({ type: 'success', message: t(data.created ? 'report.created' : 'report.updated', { title: data.title }) });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  if (options.isLoading && !options.data) return <Page.Loading />;
  const data = options.data;

  return (
    <PluginPage title={t('report.title')} subtitle={t('report.subtitle')}>
      <Section id="report-form" heading={t('report.form.heading')}>
        {options.error ? (
          <Typography role="alert" textColor="danger600">
            {errorMessage(options.error)}
          </Typography>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <Grid.Root gap={4} paddingTop={4}>
              <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                <Field.Root name="year" required error={errors.year} hint={data?.years.length ? undefined : t('report.noPeriods')}>
                  <Field.Label>{t('report.year')}</Field.Label>
                  <SingleSelect value={year ? String(year) : undefined} onChange={(value: string | number) => setYear(Number(value))}>
                    {(data?.years ?? []).map((value) => (
                      <SingleSelectOption key={value} value={String(value)}>
                        {String(value)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                <Field.Root name="unit">
                  <Field.Label>{t('report.unit')}</Field.Label>
                  <Combobox value={unit} onChange={(value?: string) => setUnit(value ?? '')} onClear={() => setUnit('')} placeholder={t('report.unit.all')}>
                    {(data?.units ?? []).map((option) => (
                      <ComboboxOption key={option.code} value={option.code}>
                        {`${option.name}${option.kind ? ` (${option.kind})` : ''}`}
                      </ComboboxOption>
                    ))}
                  </Combobox>
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <Field.Root name="category" required error={errors.category}>
                  <Field.Label>{t('report.category')}</Field.Label>
                  <SingleSelect value={category || undefined} onChange={(value: string | number) => setCategory(String(value))}>
                    {(data?.categories ?? []).map((option) => (
                      <SingleSelectOption key={option.documentId} value={option.documentId}>
                        {option.name}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={12} s={12}>
                <Button type="submit" startIcon={<Pencil />} loading={busy} disabled={busy}>
                  {t('report.submit')}
                </Button>
              </Grid.Item>
            </Grid.Root>
          </form>
        )}
      </Section>

      {result ? (
        <Section id="report-result" heading={t('report.result.heading')}>
          <Flex direction="column" alignItems="flex-start" gap={3} paddingTop={3}>
            <Typography variant="epsilon" fontWeight="bold" data-report-title>
              {result.title}
            </Typography>
            <Typography>
              {`${t('report.result.total')}: `}
              <Typography fontWeight="bold" data-report-total>
                {formatNumber(result.total)}
              </Typography>
            </Typography>
            {result.hasPublishedVersion ? (
              <Flex gap={2}>
                <FileError aria-hidden />
                <Typography textColor="warning700">{t('report.result.published')}</Typography>
              </Flex>
            ) : null}
            {allowedActions.canRead ? (
              <Link tag={RouterLink} to={`/content-manager/collection-types/api::article.article/${result.documentId}`}>
                {t('report.result.open')}
              </Link>
            ) : null}
            {result.attachment ? (
              <Link href={absoluteUrl(result.attachment.url)} isExternal>
                {`${t('report.result.attachment')}: ${result.attachment.name}`}
              </Link>
            ) : null}
          </Flex>
        </Section>
      ) : null}
    </PluginPage>
  );
};
