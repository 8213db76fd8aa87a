/**
 * "Quyết định công nhận": the leadership recognises, in one signed decision,
 * models proposed to the top level whose checklist allows recognition.
 * Select some or all (under a text filter), enter number, date and signer,
 * attach the signed PDF, preview, submit. A refused item shows its reason
 * on its row. Below: the decisions issued so far.
 */
import {
  Box,
  Button,
  Checkbox,
  Dialog,
  EmptyStateLayout,
  Field,
  Flex,
  Grid,
  Link,
  Table,
  Tbody,
  Td,
  Textarea,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowLeft, Check, Upload } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import type { Decision, Pagination, QueueRow } from '../api/types';
import { errorDetails, errorMessage, useRequest } from '../api/useRequest';
import { StateBadge } from '../components/StateBadge';
import { PLUGIN_ID } from '../pluginId';
import { absoluteUrl, formatDate } from '../utils/format';

type ItemError = { documentId: string; status: number; message: string };

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

export const BatchPage = () => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const candidates = useRequest<{ results: QueueRow[] }>(`/${PLUGIN_ID}/batch-candidates`);
  const decisions = useRequest<{ results: Decision[]; pagination: Pagination }>(`/${PLUGIN_ID}/batch-decisions?page=1&pageSize=20`);

  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [form, setForm] = useState({ number: '', date: today(), signer: '', note: '' });
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the native file input after a decision is issued.
  const [fileKey, setFileKey] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [previewing, setPreviewing] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const rows = candidates.data?.results ?? [];
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? rows.filter((row) => `${row.title} ${row.ownerUnit?.name ?? ''}`.toLowerCase().includes(needle)) : rows;
  }, [rows, filter]);
  const chosen = rows.filter((row) => selected.has(row.documentId));
  const allVisibleSelected = visible.length > 0 && visible.every((row) => selected.has(row.documentId));

  const toggle = (documentId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(documentId);
      else next.delete(documentId);
      return next;
    });

  const validate = () => {
    const next: Record<string, string> = {};
    if (!form.number.trim()) next.number = 'Nhập số quyết định.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) next.date = 'Chọn ngày ký.';
    if (!form.signer.trim()) next.signer = 'Nhập người ký.';
    if (file && file.type !== 'application/pdf') next.file = 'Bản ký phải là tệp PDF.';
    if (chosen.length === 0) next.items = 'Chọn ít nhất một mô hình.';
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const submit = async () => {
    setSubmitting(true);
    setItemErrors({});
    try {
      let signedFile: number | null = null;
      if (file) {
        const body = new FormData();
        body.append('files', file);
        const uploaded = await post<Array<{ id: number }>>('/upload', body);
        signedFile = uploaded.data[0]?.id ?? null;
      }
      await post(`/${PLUGIN_ID}/batch-decisions`, {
        number: form.number.trim(),
        date: form.date,
        signer: form.signer.trim(),
        note: form.note.trim() || null,
        signedFile,
        items: chosen.map((row) => ({ documentId: row.documentId, version: row.version })),
      });
      toggleNotification({
        type: 'success',
        message: `Đã ban hành quyết định số ${form.number.trim()}: công nhận ${chosen.length} mô hình.`,
      });
      setPreviewing(false);
      setSelected(new Set());
      setForm({ number: '', date: today(), signer: '', note: '' });
      setFile(null);
      setFileKey((key) => key + 1);
      candidates.reload();
      decisions.reload();
    } catch (error) {
      setPreviewing(false);
      const items = errorDetails<{ items?: ItemError[] }>(error)?.items ?? [];
      setItemErrors(Object.fromEntries(items.map((item) => [item.documentId, item.message])));
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSubmitting(false);
    }
  };

  if (candidates.isLoading && !candidates.data) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>Quyết định công nhận</Page.Title>
      <Layouts.Header
        title="Quyết định công nhận"
        subtitle="Công nhận theo lô các mô hình đã được đề nghị lên cấp cao nhất và đạt đủ tiêu chí bắt buộc."
        navigationAction={
          <Link tag={RouterLink} to={`/plugins/${PLUGIN_ID}`} startIcon={<ArrowLeft />}>
            Hồ sơ cần xét
          </Link>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-labelledby="batch-candidates">
            <Flex justifyContent="space-between" paddingBottom={4} gap={4} wrap="wrap">
              <Typography variant="delta" tag="h2" id="batch-candidates">
                {`Mô hình đủ điều kiện (${rows.length})`}
              </Typography>
              <Field.Root name="filter">
                <Field.Label>Lọc theo tên mô hình hoặc đơn vị</Field.Label>
                <Field.Input
                  type="search"
                  value={filter}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) => setFilter(event.target.value)}
                />
              </Field.Root>
            </Flex>
            {candidates.error ? (
              <Typography role="alert" textColor="danger600">
                {errorMessage(candidates.error)}
              </Typography>
            ) : rows.length === 0 ? (
              <EmptyStateLayout content="Chưa có mô hình nào được đề nghị lên cấp tỉnh và đạt đủ tiêu chí bắt buộc." />
            ) : (
              <Table colCount={5} rowCount={visible.length + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Checkbox
                        aria-label="Chọn tất cả mô hình đang hiển thị"
                        checked={allVisibleSelected ? true : visible.some((row) => selected.has(row.documentId)) ? 'indeterminate' : false}
                        onCheckedChange={(checked: boolean | 'indeterminate') =>
                          visible.forEach((row) => toggle(row.documentId, checked === true))
                        }
                      />
                    </Th>
                    <Th>
                      <Typography variant="sigma">Tên mô hình</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Đơn vị chủ trì</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Trạng thái</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Lỗi</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {visible.map((row) => (
                    <Tr key={row.documentId} data-document-id={row.documentId}>
                      <Td>
                        <Checkbox
                          aria-label={`Chọn ${row.title}`}
                          checked={selected.has(row.documentId)}
                          onCheckedChange={(checked: boolean | 'indeterminate') => toggle(row.documentId, checked === true)}
                        />
                      </Td>
                      <Td style={{ whiteSpace: 'normal' }}>
                        <RouterLink to={`/plugins/${PLUGIN_ID}/models/${row.documentId}`}>
                          <Typography textColor="primary700" fontWeight="bold">
                            {row.title}
                          </Typography>
                        </RouterLink>
                      </Td>
                      <Td>
                        <Typography>{row.ownerUnit?.name ?? '—'}</Typography>
                      </Td>
                      <Td>
                        <StateBadge state={row.reviewState} />
                      </Td>
                      <Td style={{ whiteSpace: 'normal' }}>
                        {itemErrors[row.documentId] ? (
                          <Typography textColor="danger600" role="alert">
                            {itemErrors[row.documentId]}
                          </Typography>
                        ) : null}
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
            {errors.items ? (
              <Typography textColor="danger600" role="alert" paddingTop={2} tag="p">
                {errors.items}
              </Typography>
            ) : null}
          </Box>

          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-labelledby="batch-form">
            <Typography variant="delta" tag="h2" id="batch-form">
              Thông tin quyết định
            </Typography>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (validate()) setPreviewing(true);
              }}
            >
              <Grid.Root gap={4} paddingTop={4}>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="number" required error={errors.number}>
                    <Field.Label>Số quyết định</Field.Label>
                    <Field.Input
                      value={form.number}
                      placeholder="Ví dụ: 125-QĐ/BDVTU"
                      onChange={(event: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, number: event.target.value })}
                    />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="date" required error={errors.date}>
                    <Field.Label>Ngày ký</Field.Label>
                    <Field.Input
                      type="date"
                      value={form.date}
                      onChange={(event: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, date: event.target.value })}
                    />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="signer" required error={errors.signer}>
                    <Field.Label>Người ký</Field.Label>
                    <Field.Input
                      value={form.signer}
                      placeholder="Ví dụ: Trưởng ban"
                      onChange={(event: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, signer: event.target.value })}
                    />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="note">
                    <Field.Label>Ghi chú</Field.Label>
                    <Textarea
                      value={form.note}
                      onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setForm({ ...form, note: event.target.value })}
                    />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="signedFile" error={errors.file} hint="Tệp PDF bản quyết định đã ký.">
                    <Field.Label>Bản ký (PDF)</Field.Label>
                    <Field.Input
                      key={fileKey}
                      type="file"
                      accept="application/pdf"
                      onChange={(event: React.ChangeEvent<HTMLInputElement>) => setFile(event.target.files?.[0] ?? null)}
                      startAction={<Upload aria-hidden />}
                    />
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={12} s={12} gap={3} alignItems="center">
                  <Button type="submit" startIcon={<Check />}>
                    {`Xem trước quyết định (${chosen.length} mô hình)`}
                  </Button>
                </Grid.Item>
              </Grid.Root>
            </form>
          </Box>

          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-labelledby="batch-history">
            <Box paddingBottom={4}>
              <Typography variant="delta" tag="h2" id="batch-history">
                Các quyết định đã ban hành
              </Typography>
            </Box>
            {(decisions.data?.results.length ?? 0) === 0 ? (
              <Typography textColor="neutral600">Chưa có quyết định nào.</Typography>
            ) : (
              <Table colCount={4} rowCount={(decisions.data?.results.length ?? 0) + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Typography variant="sigma">Số, ngày</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Người ký</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Mô hình được công nhận</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Bản ký</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {decisions.data?.results.map((decision) => (
                    <Tr key={decision.id}>
                      <Td>
                        <Typography fontWeight="bold">{`${decision.number} — ${formatDate(decision.date)}`}</Typography>
                      </Td>
                      <Td>
                        <Typography>{decision.signer}</Typography>
                      </Td>
                      <Td style={{ whiteSpace: 'normal' }}>
                        <ul style={{ margin: 0, paddingLeft: '1.6rem' }}>
                          {decision.initiatives.map((model) => (
                            <li key={model.documentId}>
                              <RouterLink to={`/plugins/${PLUGIN_ID}/models/${model.documentId}`}>
                                <Typography textColor="primary700">{model.title}</Typography>
                              </RouterLink>
                            </li>
                          ))}
                        </ul>
                      </Td>
                      <Td>
                        {decision.signedFile ? (
                          <Link href={absoluteUrl(decision.signedFile.url)} isExternal>
                            {decision.signedFile.name}
                          </Link>
                        ) : (
                          <Typography textColor="neutral600">—</Typography>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
          </Box>
        </Flex>
      </Layouts.Content>

      <Dialog.Root open={previewing} onOpenChange={setPreviewing}>
        <Dialog.Content>
          <Dialog.Header>Xem trước quyết định công nhận</Dialog.Header>
          <Dialog.Body>
            <Flex direction="column" alignItems="stretch" gap={2} width="100%">
              <Typography>{`Số: ${form.number} · Ngày ký: ${formatDate(form.date)} · Người ký: ${form.signer}`}</Typography>
              <Typography>{file ? `Bản ký: ${file.name}` : 'Chưa đính kèm bản ký.'}</Typography>
              <Typography fontWeight="bold">{`Công nhận ${chosen.length} mô hình:`}</Typography>
              <ol style={{ margin: 0, paddingLeft: '2rem' }}>
                {chosen.map((row) => (
                  <li key={row.documentId}>
                    <Typography>{`${row.title} (${row.ownerUnit?.name ?? '—'})`}</Typography>
                  </li>
                ))}
              </ol>
            </Flex>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary">Quay lại sửa</Button>
            </Dialog.Cancel>
            <Button onClick={() => void submit()} loading={submitting}>
              Ban hành quyết định
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Page.Main>
  );
};
