/**
 * "Bình luận": the editors' moderation of readers' comments. Tabs by state
 * with counts, a search and an article filter (with the switch that closes
 * the article to new comments), bulk actions on the selected rows, and the
 * editors' reply signed "Ban biên tập". Choices live in the URL.
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
  Modal,
  SingleSelect,
  SingleSelectOption,
  Status,
  Switch,
  Table,
  Tabs,
  Tbody,
  Td,
  Textarea,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Search } from '@strapi/icons';
import { Layouts, Page, Pagination, useFetchClient, useNotification, useQueryParams } from '@strapi/strapi/admin';
import { useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';

import { COMMENT_STATUSES, type CommentStatus, type ModerationAction } from '../../../shared/comments';
import type { CommentArticle, CommentListResponse, CommentRow } from '../api/types';
import { errorMessage, useRequest } from '../api/useRequest';
import { PLUGIN_ID } from '../pluginId';
import { formatDateTime, formatNumber } from '../utils/format';
import { msg, type CommentMessageKey } from './comments-messages';

type Query = { status?: string; article?: string; q?: string; page?: string; pageSize?: string };

/** The actions offered on the rows of each tab (never the one that would leave them where they are). */
const ACTIONS_BY_STATUS: Record<CommentStatus, ModerationAction[]> = {
  pending: ['approve', 'reject', 'spam', 'delete'],
  approved: ['reject', 'spam', 'pending', 'delete'],
  rejected: ['approve', 'spam', 'pending', 'delete'],
  spam: ['approve', 'reject', 'pending', 'delete'],
};

const isStatus = (value: string | undefined): value is CommentStatus => COMMENT_STATUSES.includes(value as CommentStatus);

export const CommentsPage = () => {
  const { formatMessage } = useIntl();
  const t = (key: CommentMessageKey, values?: Record<string, string | number>) => formatMessage(msg(key), values);
  const { post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [{ query }, setQuery] = useQueryParams<Query>();
  const status: CommentStatus = isStatus(query.status) ? query.status : 'pending';

  const listUrl = useMemo(() => {
    const params = new URLSearchParams({ status, page: query.page ?? '1', pageSize: query.pageSize ?? '20' });
    if (query.article) params.set('article', query.article);
    if (query.q) params.set('q', query.q);
    return `/${PLUGIN_ID}/comments?${params.toString()}`;
  }, [status, query]);
  const list = useRequest<CommentListResponse>(listUrl);
  // The articles commented on lately, and the one filtered by (even if older).
  const articles = useRequest<CommentArticle[]>(`/${PLUGIN_ID}/comments/articles${query.article ? `?include=${encodeURIComponent(query.article)}` : ''}`);

  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  useEffect(() => setSelected(new Set()), [listUrl]);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [replying, setReplying] = useState<CommentRow | null>(null);
  const [reply, setReply] = useState('');
  const [replyError, setReplyError] = useState<string | undefined>();

  const rows = list.data?.results ?? [];
  const article = (articles.data ?? []).find((item) => item.id === query.article);

  const setFilters = (next: Partial<Query>) => {
    const merged = { ...query, ...next, page: '1' } as Record<string, string | undefined>;
    for (const key of Object.keys(merged)) if (!merged[key]) delete merged[key];
    setQuery(merged as Query, 'push', true);
  };

  const toggle = (id: string, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const run = async (action: ModerationAction) => {
    setBusy(true);
    try {
      const ids = [...selected];
      await post(`/${PLUGIN_ID}/comments/moderation`, { ids, action });
      toggleNotification({ type: 'success', message: t(`comments.done.${action}` as CommentMessageKey, { count: ids.length }) });
      setConfirmDelete(false);
      list.reload();
      articles.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const sendReply = async () => {
    if (!replying) return;
    if (!reply.trim()) {
      setReplyError(t('comments.reply.empty'));
      return;
    }
    setBusy(true);
    try {
      await post(`/${PLUGIN_ID}/comments/${replying.id}/replies`, { text: reply });
      toggleNotification({ type: 'success', message: t('comments.reply.done') });
      setReplying(null);
      setReply('');
      list.reload();
    } catch (error) {
      setReplyError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const setClosed = async (closed: boolean) => {
    if (!article) return;
    try {
      await put(`/${PLUGIN_ID}/comments/articles/${article.id}/closed`, { closed });
      toggleNotification({ type: 'success', message: t(closed ? 'comments.article.closedDone' : 'comments.article.openedDone') });
      articles.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const statusLabel = (value: CommentStatus) => t(`comments.status.${value}` as CommentMessageKey);

  const table = list.error ? (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
      <Typography role="alert" textColor="danger600">
        {errorMessage(list.error)}
      </Typography>
    </Box>
  ) : list.data && rows.length === 0 ? (
    <EmptyStateLayout content={t('comments.empty', { status: statusLabel(status) })} />
  ) : (
    <Table colCount={6} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Checkbox
              aria-label={t('comments.column.selectAll')}
              checked={allSelected ? true : rows.some((row) => selected.has(row.id)) ? 'indeterminate' : false}
              onCheckedChange={(checked: boolean | 'indeterminate') => rows.forEach((row) => toggle(row.id, checked === true))}
            />
          </Th>
          {(['author', 'text', 'article', 'date', 'actions'] as const).map((column) => (
            <Th key={column}>
              <Typography variant="sigma" textColor="neutral600">
                {t(`comments.column.${column}`)}
              </Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.id} data-comment-id={row.id}>
            <Td>
              <Checkbox
                aria-label={t('comments.column.select', { name: row.name })}
                checked={selected.has(row.id)}
                onCheckedChange={(checked: boolean | 'indeterminate') => toggle(row.id, checked === true)}
              />
            </Td>
            <Td style={{ whiteSpace: 'normal', minWidth: '12rem' }}>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography fontWeight="bold">{row.name}</Typography>
                {row.byEditor ? (
                  <Status variant="primary" size="S">
                    <Typography variant="omega">{t('comments.editorBadge')}</Typography>
                  </Status>
                ) : (
                  <Typography variant="pi" textColor="neutral600">
                    {row.email ?? '—'}
                  </Typography>
                )}
              </Flex>
            </Td>
            <Td style={{ whiteSpace: 'normal', maxWidth: '34rem' }}>
              <Flex direction="column" alignItems="stretch" gap={2}>
                {row.replyTo ? (
                  <Box paddingLeft={2} style={{ borderLeft: '3px solid #dcdce4' }}>
                    <Typography variant="pi" textColor="neutral600">
                      {`${t('comments.replyTo', { name: row.replyTo.name })} ${row.replyTo.text.slice(0, 160)}${row.replyTo.text.length > 160 ? '…' : ''}`}
                    </Typography>
                  </Box>
                ) : null}
                <Typography style={{ whiteSpace: 'pre-line' }}>{row.text}</Typography>
                {row.editorReplies.map((answer, index) => (
                  <Box key={index} background="primary100" padding={2} hasRadius>
                    <Typography variant="pi" fontWeight="bold" textColor="primary700">
                      {t('comments.editorReply')}
                    </Typography>{' '}
                    <Typography variant="pi" style={{ whiteSpace: 'pre-line' }}>
                      {answer.text}
                    </Typography>
                  </Box>
                ))}
              </Flex>
            </Td>
            <Td style={{ whiteSpace: 'normal', maxWidth: '16rem' }}>
              {row.article ? (
                <Typography>
                  <button
                    type="button"
                    onClick={() => setFilters({ article: row.article?.id })}
                    style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', textAlign: 'left', color: '#4945ff' }}
                  >
                    {row.article.title}
                  </button>
                  {row.article.published ? '' : ` ${t('comments.unpublished')}`}
                </Typography>
              ) : (
                '—'
              )}
            </Td>
            <Td>
              <Typography textColor="neutral800">{formatDateTime(row.createdAt)}</Typography>
            </Td>
            <Td>
              {row.byEditor || status === 'rejected' || status === 'spam' ? null : (
                <Button
                  variant="secondary"
                  size="S"
                  onClick={() => {
                    setReplying(row);
                    setReply('');
                    setReplyError(undefined);
                  }}
                >
                  {t('comments.action.reply')}
                </Button>
              )}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );

  return (
    <Page.Main aria-busy={list.isLoading}>
      <Page.Title>{t('comments.title')}</Page.Title>
      <Layouts.Header title={t('comments.title')} subtitle={t('comments.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius tag="section" aria-label={t('comments.search.label')}>
            <form
              role="search"
              onSubmit={(event) => {
                event.preventDefault();
                setFilters({ q: text.trim() });
              }}
            >
              <Grid.Root gap={4}>
                <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="q" width="100%">
                    <Field.Label>{t('comments.search.label')}</Field.Label>
                    <Field.Input
                      type="search"
                      value={text}
                      onChange={(event: React.ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
                      startAction={<Search aria-hidden />}
                    />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                  <Field.Root width="100%">
                    <Field.Label>{t('comments.article.label')}</Field.Label>
                    <SingleSelect
                      value={query.article ?? ''}
                      placeholder={t('comments.article.all')}
                      onChange={(next: string | number) => setFilters({ article: String(next) })}
                      onClear={() => setFilters({ article: '' })}
                      clearLabel={t('comments.article.all')}
                    >
                      {(articles.data ?? []).map((item) => (
                        <SingleSelectOption key={item.id} value={item.id}>
                          {`${item.title} (${formatNumber(item.counts.pending)} ${statusLabel('pending').toLowerCase()})`}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={2} s={12} alignItems="flex-end">
                  <Button type="submit" startIcon={<Search />}>
                    {t('comments.search.button')}
                  </Button>
                </Grid.Item>
                {article ? (
                  <Grid.Item col={12} direction="column" alignItems="flex-start">
                    <Field.Root name="closed">
                      <Flex gap={3} alignItems="center">
                        <Switch
                          aria-label={t('comments.article.closeToggle')}
                          checked={!article.commentsClosed}
                          onCheckedChange={(open: boolean) => void setClosed(!open)}
                          onLabel={t('comments.article.open')}
                          offLabel={t('comments.article.closed')}
                          visibleLabels
                        />
                        <Typography>{t('comments.article.closeToggle')}</Typography>
                      </Flex>
                    </Field.Root>
                  </Grid.Item>
                ) : null}
              </Grid.Root>
            </form>
          </Box>

          <Tabs.Root value={status} onValueChange={(value: string) => setQuery({ status: value, page: '1' })}>
            <Tabs.List aria-label={t('comments.tabs.label')}>
              {COMMENT_STATUSES.map((key) => (
                <Tabs.Trigger key={key} value={key}>
                  {`${statusLabel(key)} (${list.data ? formatNumber(list.data.counts[key]) : '…'})`}
                </Tabs.Trigger>
              ))}
            </Tabs.List>
            {COMMENT_STATUSES.map((key) => (
              <Tabs.Content key={key} value={key} forceMount style={key === status ? undefined : { display: 'none' }}>
                <Flex direction="column" alignItems="stretch" gap={3} paddingTop={4}>
                  {key === status && selected.size > 0 ? (
                    <Flex gap={2} wrap="wrap" alignItems="center" role="toolbar" aria-label={t('comments.selected', { count: selected.size })}>
                      <Typography fontWeight="bold">{t('comments.selected', { count: selected.size })}</Typography>
                      {ACTIONS_BY_STATUS[status].map((action) => (
                        <Button
                          key={action}
                          size="S"
                          disabled={busy}
                          variant={action === 'approve' ? 'success' : action === 'delete' ? 'danger-light' : 'secondary'}
                          onClick={() => (action === 'delete' ? setConfirmDelete(true) : void run(action))}
                        >
                          {t(`comments.action.${action}` as CommentMessageKey)}
                        </Button>
                      ))}
                    </Flex>
                  ) : null}
                  {key === status ? table : null}
                </Flex>
              </Tabs.Content>
            ))}
          </Tabs.Root>

          {list.data && list.data.pagination.total > 0 ? (
            <Pagination.Root pageCount={list.data.pagination.pageCount} total={list.data.pagination.total} defaultPageSize={20}>
              <Pagination.PageSize options={['10', '20', '50', '100']} />
              <Pagination.Links />
            </Pagination.Root>
          ) : null}
        </Flex>
      </Layouts.Content>

      <Dialog.Root open={confirmDelete} onOpenChange={setConfirmDelete}>
        <Dialog.Content>
          <Dialog.Header>{t('comments.delete.title')}</Dialog.Header>
          <Dialog.Body>
            <Typography>{t('comments.delete.body', { count: selected.size })}</Typography>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary">{t('comments.cancel')}</Button>
            </Dialog.Cancel>
            <Button variant="danger" loading={busy} onClick={() => void run('delete')}>
              {t('comments.action.delete')}
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>

      <Modal.Root open={replying !== null} onOpenChange={(open: boolean) => (open ? undefined : setReplying(null))}>
        <Modal.Content>
          <Modal.Header closeLabel={t('comments.cancel')}>
            <Modal.Title>{t('comments.reply.title')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {replying ? (
                <Box paddingLeft={2} style={{ borderLeft: '3px solid #dcdce4' }}>
                  <Typography variant="pi" fontWeight="bold">
                    {replying.name}
                  </Typography>
                  <Typography variant="pi" tag="p" style={{ whiteSpace: 'pre-line' }}>
                    {replying.text}
                  </Typography>
                </Box>
              ) : null}
              <Field.Root name="reply" error={replyError} hint={t('comments.reply.hint')}>
                <Field.Label>{t('comments.reply.label')}</Field.Label>
                <Textarea
                  value={reply}
                  onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => {
                    setReply(event.target.value);
                    setReplyError(undefined);
                  }}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('comments.cancel')}</Button>
            </Modal.Close>
            <Button loading={busy} onClick={() => void sendReply()}>
              {t('comments.reply.send')}
            </Button>
          </Modal.Footer>
        </Modal.Content>
      </Modal.Root>
    </Page.Main>
  );
};
