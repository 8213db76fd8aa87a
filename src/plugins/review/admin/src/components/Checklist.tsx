/**
 * The criteria checklist of the current round at the current level, from the
 * snapshot taken when the model entered the level: per criterion met / not
 * met / not applicable, a score where the set scores, and a note. Saves with
 * PUT /review/initiatives/:id/assessments; warns before leaving unsaved.
 */
import { Box, Button, Dialog, Field, Flex, Radio, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Check, WarningCircle } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useEffect, useMemo, useState } from 'react';
import { useBlocker } from 'react-router-dom';

import type { Assessment } from '../api/types';
import { errorMessage } from '../api/useRequest';
import { PLUGIN_ID } from '../pluginId';
import { formatDateTime, RESULT_LABELS } from '../utils/format';

type Draft = { result: Assessment['result']; score: string; note: string; publicRemark: string };

const draftOf = (rows: Assessment[]): Record<string, Draft> =>
  Object.fromEntries(
    rows.map((row) => [row.code, { result: row.result, score: row.score == null ? '' : String(row.score), note: row.note ?? '', publicRemark: row.publicRemark ?? '' }]),
  );

export const Checklist = ({
  documentId,
  rows,
  editable,
  onSaved,
}: {
  documentId: string;
  rows: Assessment[];
  editable: boolean;
  onSaved: () => void;
}) => {
  const { put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const saved = useMemo(() => draftOf(rows), [rows]);
  const [draft, setDraft] = useState(saved);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(saved), [saved]);

  const dirty = editable && JSON.stringify(draft) !== JSON.stringify(saved);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const scores = rows.some((row) => row.maxScore != null);
  const setField = (code: string, patch: Partial<Draft>) => setDraft((current) => ({ ...current, [code]: { ...current[code], ...patch } }));

  const save = async () => {
    for (const row of rows) {
      const score = draft[row.code].score;
      if (score !== '' && (!/^\d+$/.test(score) || (row.maxScore != null && Number(score) > row.maxScore))) {
        toggleNotification({ type: 'danger', message: `Điểm của tiêu chí ${row.code} phải là số nguyên từ 0 đến ${row.maxScore ?? '…'}.` });
        return;
      }
    }
    setSaving(true);
    try {
      await put(`/${PLUGIN_ID}/initiatives/${documentId}/assessments`, {
        items: rows.map((row) => ({
          code: row.code,
          result: draft[row.code].result,
          note: draft[row.code].note.trim() || null,
          publicRemark: draft[row.code].publicRemark.trim() || null,
          score: draft[row.code].score === '' ? null : Number(draft[row.code].score),
        })),
      });
      toggleNotification({ type: 'success', message: 'Đã lưu kết quả đánh giá tiêu chí.' });
      onSaved();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  if (rows.length === 0) {
    return <Typography textColor="neutral600">Chưa có bộ tiêu chí cho lượt xét duyệt này (mô hình chưa vào cấp xét duyệt).</Typography>;
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="pi" textColor="neutral600">
        {`Bộ tiêu chí: ${rows[0].criteriaSetName ?? '—'} · Lượt ${rows[0].round}. Tiêu chí có dấu * là bắt buộc để công nhận.`}
      </Typography>
      <Table colCount={scores ? 5 : 4} rowCount={rows.length + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">Tiêu chí</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Kết quả</Typography>
            </Th>
            {scores ? (
              <Th>
                <Typography variant="sigma">Điểm</Typography>
              </Th>
            ) : null}
            <Th>
              <Typography variant="sigma">Ghi chú nội bộ</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Nhận xét gửi đơn vị</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((row) => {
            const value = draft[row.code] ?? { result: null, score: '', note: '', publicRemark: '' };
            const label = `${row.code}${row.required === false ? '' : ' *'}`;
            return (
              <Tr key={row.code} data-criterion={row.code}>
                <Td style={{ whiteSpace: 'normal', verticalAlign: 'top', maxWidth: '22rem' }}>
                  <Typography fontWeight="bold" id={`criterion-${row.code}`}>
                    {label}
                  </Typography>
                  <Typography tag="p" textColor="neutral800">
                    {row.text}
                  </Typography>
                  {row.assessedByName ? (
                    <Typography
                      variant="pi"
                      textColor="neutral600"
                    >{`${row.assessedByName}, ${formatDateTime(row.assessedAt)}`}</Typography>
                  ) : null}
                </Td>
                <Td style={{ verticalAlign: 'top' }}>
                  {editable ? (
                    <Radio.Group
                      aria-labelledby={`criterion-${row.code}`}
                      value={value.result ?? ''}
                      onValueChange={(result: string) => setField(row.code, { result: result as Draft['result'] })}
                    >
                      {Object.entries(RESULT_LABELS).map(([result, text]) => (
                        <Radio.Item key={result} value={result}>
                          {text}
                        </Radio.Item>
                      ))}
                    </Radio.Group>
                  ) : (
                    <Typography>{value.result ? RESULT_LABELS[value.result] : 'Chưa đánh giá'}</Typography>
                  )}
                </Td>
                {scores ? (
                  <Td style={{ verticalAlign: 'top' }}>
                    {row.maxScore == null ? (
                      <Typography textColor="neutral600">—</Typography>
                    ) : editable ? (
                      <Field.Root name={`score-${row.code}`} hint={`Tối đa ${row.maxScore}`}>
                        <Field.Label>{`Điểm ${row.code}`}</Field.Label>
                        <Field.Input
                          inputMode="numeric"
                          value={value.score}
                          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setField(row.code, { score: event.target.value })}
                        />
                        <Field.Hint />
                      </Field.Root>
                    ) : (
                      <Typography>{value.score === '' ? '—' : `${value.score}/${row.maxScore}`}</Typography>
                    )}
                  </Td>
                ) : null}
                <Td style={{ verticalAlign: 'top', minWidth: '16rem' }}>
                  {editable ? (
                    <Field.Root name={`note-${row.code}`}>
                      <Field.Label>{`Ghi chú ${row.code}`}</Field.Label>
                      <Textarea
                        value={value.note}
                        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setField(row.code, { note: event.target.value })}
                      />
                    </Field.Root>
                  ) : (
                    <Typography style={{ whiteSpace: 'pre-wrap' }}>{value.note || '—'}</Typography>
                  )}
                </Td>
                <Td style={{ verticalAlign: 'top', minWidth: '16rem' }}>
                  {editable ? (
                    <Field.Root name={`remark-${row.code}`} hint="Đơn vị xem được nhận xét này.">
                      <Field.Label>{`Nhận xét gửi đơn vị ${row.code}`}</Field.Label>
                      <Textarea
                        value={value.publicRemark}
                        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setField(row.code, { publicRemark: event.target.value })}
                      />
                      <Field.Hint />
                    </Field.Root>
                  ) : (
                    <Typography style={{ whiteSpace: 'pre-wrap' }}>{value.publicRemark || '—'}</Typography>
                  )}
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {editable ? (
        <Flex gap={3} alignItems="center">
          <Button onClick={save} loading={saving} disabled={!dirty} startIcon={<Check />}>
            Lưu đánh giá
          </Button>
          {dirty ? (
            <Typography textColor="warning600" role="status">
              Có thay đổi chưa lưu.
            </Typography>
          ) : null}
        </Flex>
      ) : null}

      <Dialog.Root open={blocker.state === 'blocked'} onOpenChange={(open: boolean) => (!open ? blocker.reset?.() : undefined)}>
        <Dialog.Content>
          <Dialog.Header>Rời trang khi chưa lưu?</Dialog.Header>
          <Dialog.Body icon={<WarningCircle fill="danger600" />}>
            <Box>
              <Typography>Kết quả đánh giá tiêu chí có thay đổi chưa lưu. Nếu rời trang, các thay đổi này sẽ mất.</Typography>
            </Box>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary" onClick={() => blocker.reset?.()}>
                Ở lại
              </Button>
            </Dialog.Cancel>
            <Dialog.Action>
              <Button variant="danger-light" onClick={() => blocker.proceed?.()}>
                Rời trang, bỏ thay đổi
              </Button>
            </Dialog.Action>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Flex>
  );
};
