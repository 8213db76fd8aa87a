/**
 * The bell in the plugin's header: the number of unread notifications, and
 * the way to the inbox. Asks the server again every minute.
 */
import { Badge, Flex, LinkButton } from '@strapi/design-system';
import { Bell } from '@strapi/icons';
import { useEffect } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import { useRequest } from '../api/useRequest';
import { PLUGIN_ID } from '../pluginId';
import { useT } from '../utils/useT';

export const InboxButton = () => {
  const t = useT();
  const unread = useRequest<{ unread: number }>(`/${PLUGIN_ID}/notifications/unread`);
  const { reload } = unread;
  useEffect(() => {
    const timer = window.setInterval(reload, 60_000);
    return () => window.clearInterval(timer);
  }, [reload]);
  const count = unread.data?.unread ?? 0;
  return (
    <LinkButton
      tag={RouterLink}
      to={`/plugins/${PLUGIN_ID}/inbox`}
      variant="tertiary"
      startIcon={<Bell />}
      aria-label={t('inbox.button.label', 'Thông báo: {count} chưa đọc', { count })}
    >
      <Flex gap={2}>
        {t('inbox.title', 'Thông báo')}
        {count > 0 ? (
          <Badge backgroundColor="danger600" textColor="neutral0" aria-hidden>
            {count > 99 ? '99+' : String(count)}
          </Badge>
        ) : null}
      </Flex>
    </LinkButton>
  );
};
