/**
 * The bell in the plugin's header: the number of unread notifications, and
 * the way to the inbox. Asks the server again every minute.
 */
import { Badge, Flex, LinkButton, VisuallyHidden } from '@strapi/design-system';
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
    >
      <Flex gap={2}>
        {t('inbox.title', 'Thông báo')}
        {count > 0 ? (
          <Badge backgroundColor="danger600" textColor="neutral0">
            {count > 99 ? '99+' : String(count)}
            <VisuallyHidden>{t('inbox.button.unread', ' chưa đọc')}</VisuallyHidden>
          </Badge>
        ) : null}
      </Flex>
    </LinkButton>
  );
};
