/**
 * "Nhập dữ liệu": provincial staff download the template, upload a filled
 * file for a dry run (every problem by row and column, a summary, the rows),
 * then import it in one go. The file is sent again at commit: the server
 * checks it once more and writes all of it or nothing.
 */
import { Badge, Box, Button, Dialog, Field, Flex, Grid, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Check, Download, Upload } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import type { ImportReport } from '../../../shared/imports';
import { errorDetails, errorMessage } from '../api/useRequest';
import { HeadRow, PluginPage, Section } from '../components/PluginPage';
import { PLUGIN_ID } from '../pluginId';
import { formatNumber } from '../utils/format';
import { useT } from '../utils/useT';

const Summary = ({ report }: { report: ImportReport }) => {
  const t = useT();
  const items: Array<[string, number, string?]> = [
    [t('import.summary.rows'), report.rows],
    [report.committed ? t('import.summary.created') : t('import.summary.toCreate'), report.toCreate, 'success600'],
    [t('import.summary.already'), report.alreadyImported],
    [t('import.summary.drafts'), report.drafts],
    [t('import.summary.submitted'), report.submitted],
    [t('import.summary.withOutcome'), report.withOutcome],
    [t('import.summary.problems'), report.problems.length, report.problems.length > 0 ? 'danger600' : undefined],
  ];
  return (
    <Flex gap={6} wrap="wrap" tag="dl" aria-label={t('import.result.heading')}>
      {items.map(([label, value, color]) => (
        <Box key={label}>
          <Typography variant="sigma" textColor="neutral600" tag="dt">
            {label}
          </Typography>
          <Typography variant="beta" tag="dd" textColor={color ?? 'neutral800'} style={{ margin: 0 }}>
            {formatNumber(value)}
          </Typography>
        </Box>
      ))}
    </Flex>
  );
};

const Problems = ({ report }: { report: ImportReport }) => {
  const t = useT();
  if (report.problems.length === 0) {
    return (
      <Typography textColor="success600" fontWeight="bold" tag="p">
        {t('import.problems.none')}
      </Typography>
    );
  }
  return (
    <Box>
      <Typography variant="delta" tag="h3" id="import-problems" textColor="danger600">
        {t('import.problems.heading', { count: formatNumber(report.problems.length) })}
      </Typography>
      <Box paddingTop={3}>
        <Table colCount={4} rowCount={report.problems.length + 1} aria-labelledby="import-problems">
          <HeadRow labels={[t('import.problems.row'), t('import.problems.column'), t('import.problems.header'), t('import.problems.message')]} />
          <Tbody>
            {report.problems.slice(0, 1000).map((problem, index) => (
              <Tr key={`${problem.row}-${problem.column}-${index}`} data-problem-row={problem.row ?? ''}>
                <Td>
                  <Typography fontWeight="bold">{problem.row ?? t('import.problems.wholeFile')}</Typography>
                </Td>
                <Td>
                  <Typography>{problem.column ?? '—'}</Typography>
                </Td>
                <Td>
                  <Typography>{problem.header ?? '—'}</Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography textColor="danger700">{problem.message}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Box>
    </Box>
  );
};

const Preview = ({ report }: { report: ImportReport }) => {
  const t = useT();
  if (report.preview.length === 0) return null;
  return (
    <Box>
      <Typography variant="delta" tag="h3" id="import-preview">
        {t('import.preview.heading')}
      </Typography>
      <Box paddingTop={3}>
        <Table colCount={7} rowCount={report.preview.length + 1} aria-labelledby="import-preview">
          <HeadRow
            labels={[
              t('import.problems.row'),
              t('import.preview.reference'),
              t('import.preview.unit'),
              t('import.preview.year'),
              t('import.preview.title'),
              t('import.preview.status'),
              t('import.preview.outcome'),
            ]}
          />
          <Tbody>
            {report.preview.map((row) => (
              <Tr key={row.row}>
                <Td>
                  <Typography>{row.row}</Typography>
                </Td>
                <Td>
                  <Flex gap={2}>
                    <Typography>{row.reference}</Typography>
                    {row.existing ? <Badge>{t('import.preview.existing')}</Badge> : null}
                  </Flex>
                </Td>
                <Td>
                  <Typography>{`${row.unitCode} — ${row.unitName}`}</Typography>
                </Td>
                <Td>
                  <Typography>{row.year}</Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  {row.documentId && report.committed ? (
                    <RouterLink to={`/plugins/${PLUGIN_ID}/models/${row.documentId}`}>
                      <Typography textColor="primary700">{row.title}</Typography>
                    </RouterLink>
                  ) : (
                    <Typography>{row.title}</Typography>
                  )}
                </Td>
                <Td>
                  <Typography>{row.status === 'draft' ? t('import.status.draft') : t('import.status.submitted')}</Typography>
                </Td>
                <Td>
                  <Typography>{row.outcome ? t(`import.outcome.${row.outcome}`) : '—'}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Box>
    </Box>
  );
};

export const ImportPage = () => {
  const t = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const downloadTemplate = async () => {
    try {
      const response = await get(`/${PLUGIN_ID}/imports/template`, { responseType: 'blob' });
      const url = URL.createObjectURL(response.data);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = 'mau-nhap-mo-hinh.xlsx';
      anchor.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      toggleNotification({ type: 'danger', message: `${t('import.template.failed')} ${errorMessage(error)}` });
    }
  };

  const send = async (path: string): Promise<ImportReport | null> => {
    if (!file) {
      setFileError(t('import.file.required'));
      return null;
    }
    const body = new FormData();
    body.append('files', file);
    setBusy(true);
    setFileError(undefined);
    try {
      const response = await post<{ data: ImportReport }>(path, body);
      setReport(response.data.data);
      return response.data.data;
    } catch (error) {
      const details = errorDetails<{ report?: ImportReport }>(error);
      // A refused commit lists its problems like a dry run; a refused file shows its reason by the field.
      if (details?.report) setReport(details.report);
      else {
        setReport(null);
        setFileError(errorMessage(error));
      }
      toggleNotification({ type: 'danger', message: errorMessage(error) });
      return null;
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    setConfirming(false);
    const done = await send(`/${PLUGIN_ID}/imports`);
    if (done) {
      toggleNotification({
        type: 'success',
        message: done.toCreate > 0 ? t('import.commit.done', { count: formatNumber(done.toCreate), file: done.fileName }) : t('import.commit.nothing'),
      });
    }
  };

  const canCommit = report !== null && !report.committed && report.problems.length === 0 && report.toCreate > 0 && file !== null;

  return (
    <PluginPage title={t('import.title')} subtitle={t('import.subtitle')}>
      <Section id="import-template" heading={t('import.template.heading')}>
        <Box paddingTop={2} paddingBottom={4}>
          <Typography textColor="neutral600">{t('import.template.text')}</Typography>
        </Box>
        <Button variant="secondary" startIcon={<Download />} onClick={downloadTemplate}>
          {t('import.template.button')}
        </Button>
      </Section>

      <Section id="import-file" heading={t('import.file.heading')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void send(`/${PLUGIN_ID}/imports/dry-run`);
          }}
        >
          <Grid.Root gap={4} paddingTop={4}>
            <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
              <Field.Root name="files" required error={fileError} hint={t('import.file.hint')}>
                <Field.Label>{t('import.file.label')}</Field.Label>
                <Field.Input
                  type="file"
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
                    setFile(event.target.files?.[0] ?? null);
                    setReport(null);
                    setFileError(undefined);
                  }}
                  startAction={<Upload aria-hidden />}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={4} s={12} alignItems="flex-end" gap={3}>
              <Button type="submit" variant="secondary" loading={busy} disabled={busy}>
                {t('import.dryRun.button')}
              </Button>
              <Button type="button" startIcon={<Check />} disabled={!canCommit || busy} onClick={() => setConfirming(true)}>
                {t('import.commit.button', { count: formatNumber(report?.toCreate ?? 0) })}
              </Button>
            </Grid.Item>
          </Grid.Root>
        </form>
      </Section>

      {report ? (
        <Section id="import-result" heading={`${report.committed ? t('import.result.committedHeading') : t('import.result.heading')}: ${report.fileName}`}>
          <Flex direction="column" alignItems="stretch" gap={6} paddingTop={6}>
            <Summary report={report} />
            <Problems report={report} />
            <Preview report={report} />
          </Flex>
        </Section>
      ) : null}

      <Dialog.Root open={confirming} onOpenChange={setConfirming}>
        <Dialog.Content>
          <Dialog.Header>{t('import.commit.confirmTitle')}</Dialog.Header>
          <Dialog.Body>
            <Typography>{t('import.commit.confirm', { count: formatNumber(report?.toCreate ?? 0), file: report?.fileName ?? '' })}</Typography>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary">{t('import.commit.cancel')}</Button>
            </Dialog.Cancel>
            <Dialog.Action>
              <Button onClick={commit}>{t('import.commit.ok')}</Button>
            </Dialog.Action>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </PluginPage>
  );
};
