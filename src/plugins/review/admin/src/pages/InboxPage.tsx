/**
 * "Thông báo": the admin user's inbox (newest first, unread marked, mark one
 * or all read, only unread on demand), their e-mail preferences (which kinds
 * to receive by e-mail, instantly or as a daily digest), and, for admins who
 * manage notifications, the e-mails given up after the retry limit.
 */
import {
  Badge,
  Box,
  Button,
  Checkbox,
  EmptyStateLayout,
  Flex,
  Link,
  Radio,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowLeft, Check } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import {
  EMAIL_MODES,
  EMAIL_MODE_LABELS,
  NOTIFICATION_KIND_LABELS,
  type EmailMode,
  type InboxPage as InboxData,
  type NotificationItem,
  type NotificationKind,
  type Preferences,
} from '../../../shared/notifications';
import { errorMessage, useRequest } from '../api/useRequest';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';
import { formatDateTime } from '../utils/format';
import { useT } from '../utils/useT';

type DeadLetter = { id: number; kind: string; to: string; subject: string; attempts: number; lastError: string | null; createdAt: string };

const PAGE_SIZE = 20;

/** The admin model page inside the panel for a model notification; the queue otherwise. */
const internalLink = (item: NotificationItem) =>
  item.initiativeDocumentId ? `/plugins/${PLUGIN_ID}/models/${encodeURIComponent(item.initiativeDocumentId)}` : `/plugins/${PLUGIN_ID}`;

export const InboxPage = () => {
  const t = useT();
  const { post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useRequest<InboxData>(`/${PLUGIN_ID}/notifications?page=${page}&pageSize=${PAGE_SIZE}${unreadOnly ? '&unread=true' : ''}`);
  const { allowedActions } = useRBAC(PERMISSIONS.notifications);

  const markRead = async (body: { ids: number[] } | { all: true }) => {
    try {
      await post(`/${PLUGIN_ID}/notifications/read`, body);
      inbox.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  const data = inbox.data;
  return (
    <Page.Main>
      <Page.Title>{t('inbox.title', 'Thông báo')}</Page.Title>
      <Layouts.Header
        title={t('inbox.title', 'Thông báo')}
        subtitle={data ? t('inbox.subtitle', '{unread} thông báo chưa đọc', { unread: data.unread }) : undefined}
        navigationAction={
          <Link tag={RouterLink} to={`/plugins/${PLUGIN_ID}`} startIcon={<ArrowLeft />}>
            {t('inbox.back', 'Hồ sơ cần xét')}
          </Link>
        }
        primaryAction={
          <Button startIcon={<Check />} variant="secondary" disabled={!data || data.unread === 0} onClick={() => markRead({ all: true })}>
            {t('inbox.markAll', 'Đánh dấu tất cả đã đọc')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
            <Flex justifyContent="space-between" paddingBottom={4}>
              <Typography variant="delta" tag="h2">
                {t('inbox.list.title', 'Danh sách thông báo')}
              </Typography>
              <Checkbox
                checked={unreadOnly}
                onCheckedChange={(checked: boolean | 'indeterminate') => {
                  setUnreadOnly(checked === true);
                  setPage(1);
                }}
              >
                {t('inbox.unreadOnly', 'Chỉ thông báo chưa đọc')}
              </Checkbox>
            </Flex>
            {inbox.error ? (
              <Typography role="alert" textColor="danger600">
                {errorMessage(inbox.error)}
              </Typography>
            ) : !data ? (
              <Typography textColor="neutral600">{t('inbox.loading', 'Đang tải…')}</Typography>
            ) : data.results.length === 0 ? (
              <EmptyStateLayout content={t('inbox.empty', 'Không có thông báo nào.')} />
            ) : (
              <Flex direction="column" alignItems="stretch" gap={3} tag="ol" aria-label={t('inbox.list.title', 'Danh sách thông báo')}>
                {data.results.map((item) => (
                  <NotificationRow key={item.id} item={item} onRead={() => markRead({ ids: [item.id] })} />
                ))}
              </Flex>
            )}
            {data && data.pagination.pageCount > 1 ? (
              <Flex justifyContent="space-between" paddingTop={4}>
                <Typography textColor="neutral600">
                  {t('inbox.page', 'Trang {page}/{pageCount} · {total} thông báo', {
                    page: data.pagination.page,
                    pageCount: data.pagination.pageCount,
                    total: data.pagination.total,
                  })}
                </Typography>
                <Flex gap={2}>
                  <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    {t('inbox.previous', 'Trang trước')}
                  </Button>
                  <Button variant="tertiary" disabled={page >= data.pagination.pageCount} onClick={() => setPage(page + 1)}>
                    {t('inbox.next', 'Trang sau')}
                  </Button>
                </Flex>
              </Flex>
            ) : null}
          </Box>
          <PreferencesPanel put={put} />
          {allowedActions.canManageNotifications ? <DeadLetters /> : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const NotificationRow = ({ item, onRead }: { item: NotificationItem; onRead: () => void }) => {
  const t = useT();
  const unread = item.readAt === null;
  return (
    <Box
      tag="li"
      padding={4}
      hasRadius
      background={unread ? 'primary100' : 'neutral0'}
      borderColor={unread ? 'primary200' : 'neutral200'}
      borderStyle="solid"
      borderWidth="1px"
    >
      <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Flex gap={2} wrap="wrap">
            {unread ? (
              <Badge backgroundColor="primary600" textColor="neutral0">
                {t('inbox.unread', 'Chưa đọc')}
              </Badge>
            ) : null}
            <Typography variant="sigma" textColor="neutral600">
              {NOTIFICATION_KIND_LABELS[item.kind] ?? item.kind} · {formatDateTime(item.createdAt)}
            </Typography>
          </Flex>
          <Link tag={RouterLink} to={internalLink(item)} onClick={unread ? onRead : undefined}>
            <Typography fontWeight={unread ? 'bold' : 'regular'}>{item.title}</Typography>
          </Link>
          <Typography textColor="neutral800">{item.body}</Typography>
        </Flex>
        {unread ? (
          <Button variant="tertiary" size="S" onClick={onRead}>
            {t('inbox.markRead', 'Đã đọc')}
          </Button>
        ) : null}
      </Flex>
    </Box>
  );
};

type Put = ReturnType<typeof useFetchClient>['put'];

const PreferencesPanel = ({ put }: { put: Put }) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const stored = useRequest<Preferences>(`/${PLUGIN_ID}/notifications/preferences`);
  const [muted, setMuted] = useState<Set<NotificationKind>>(new Set());
  const [mode, setMode] = useState<EmailMode>('instant');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!stored.data) return;
    setMuted(new Set(stored.data.mutedKinds));
    setMode(stored.data.emailMode);
  }, [stored.data]);

  if (!stored.data) return null;
  const save = async () => {
    setSaving(true);
    try {
      await put(`/${PLUGIN_ID}/notifications/preferences`, { mutedKinds: [...muted], emailMode: mode });
      toggleNotification({ type: 'success', message: t('prefs.saved', 'Đã lưu cách nhận thông báo.') });
      stored.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-labelledby="prefs-title">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2" id="prefs-title">
          {t('prefs.title', 'Nhận thông báo qua email')}
        </Typography>
        <Typography textColor="neutral600">
          {t('prefs.hint', 'Mọi thông báo luôn có trong danh sách trên; bỏ chọn một loại để không nhận email về loại đó.')}
        </Typography>
        <Flex direction="column" alignItems="flex-start" gap={2}>
          {stored.data.kinds.map((kind) => (
            <Checkbox
              key={kind}
              checked={!muted.has(kind)}
              onCheckedChange={(checked: boolean | 'indeterminate') => {
                const next = new Set(muted);
                if (checked === true) next.delete(kind);
                else next.add(kind);
                setMuted(next);
              }}
            >
              {NOTIFICATION_KIND_LABELS[kind]}
            </Checkbox>
          ))}
        </Flex>
        <Radio.Group
          aria-label={t('prefs.mode', 'Cách gửi email')}
          value={mode}
          onValueChange={(value: string) => setMode(value === 'digest' ? 'digest' : 'instant')}
        >
          {EMAIL_MODES.map((value) => (
            <Radio.Item key={value} value={value}>
              {EMAIL_MODE_LABELS[value]}
            </Radio.Item>
          ))}
        </Radio.Group>
        <Box>
          <Button onClick={save} loading={saving}>
            {t('prefs.save', 'Lưu')}
          </Button>
        </Box>
      </Flex>
    </Box>
  );
};

const DeadLetters = () => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const letters = useRequest<DeadLetter[]>(`/${PLUGIN_ID}/notifications/dead-letters`);
  const retry = async (id: number) => {
    try {
      await post(`/${PLUGIN_ID}/notifications/dead-letters/${id}/retry`, {});
      toggleNotification({ type: 'success', message: t('dead.queued', 'Đã đưa email vào hàng đợi gửi lại.') });
      letters.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };
  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-labelledby="dead-title">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2" id="dead-title">
          {t('dead.title', 'Email gửi không thành công')}
        </Typography>
        <Typography textColor="neutral600">
          {t('dead.hint', 'Các email đã thử gửi nhiều lần không được. Sửa cấu hình máy chủ thư (SMTP) rồi gửi lại.')}
        </Typography>
        {letters.error ? (
          <Typography role="alert" textColor="danger600">
            {errorMessage(letters.error)}
          </Typography>
        ) : !letters.data ? null : letters.data.length === 0 ? (
          <Typography>{t('dead.none', 'Không có email nào gửi lỗi.')}</Typography>
        ) : (
          <Table colCount={5} rowCount={letters.data.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('dead.to', 'Người nhận')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('dead.subject', 'Tiêu đề')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('dead.attempts', 'Số lần thử')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('dead.error', 'Lỗi cuối')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('dead.action', 'Thao tác')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {letters.data.map((letter) => (
                <Tr key={letter.id}>
                  <Td>
                    <Typography>{letter.to}</Typography>
                  </Td>
                  <Td>
                    <Typography>{letter.subject}</Typography>
                  </Td>
                  <Td>
                    <Typography>{letter.attempts}</Typography>
                  </Td>
                  <Td>
                    <Typography textColor="danger600">{letter.lastError ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <Button variant="secondary" size="S" onClick={() => retry(letter.id)}>
                      {t('dead.retry', 'Gửi lại')}
                    </Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Flex>
    </Box>
  );
};
