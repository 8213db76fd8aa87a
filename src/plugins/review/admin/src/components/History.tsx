import { Box, Flex, Typography } from '@strapi/design-system';

import { EVENT_LABELS } from '../../../shared/workflow';
import type { HistoryEvent } from '../api/types';
import { formatDate, formatDateTime } from '../utils/format';
import { StateBadge } from './StateBadge';

/** The model's audit trail as a timeline: who, when, from → to, reason, and the batch decision it was taken in. */
export const History = ({ events }: { events: HistoryEvent[] }) => {
  if (events.length === 0) return <Typography textColor="neutral600">Chưa có sự kiện nào.</Typography>;
  return (
    <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Lịch sử xét duyệt">
      {events.map((event, index) => (
        <li key={`${event.createdAt}-${index}`} style={{ display: 'flex', gap: '1.2rem' }}>
          <Flex direction="column" alignItems="center" aria-hidden>
            <Box background="primary600" hasRadius width="1.2rem" height="1.2rem" marginTop={1} style={{ borderRadius: '50%' }} />
            {index < events.length - 1 ? <Box background="neutral200" width="0.2rem" grow={1} style={{ flex: 1 }} /> : null}
          </Flex>
          <Box paddingBottom={5}>
            <Typography variant="omega" fontWeight="bold">
              {EVENT_LABELS[event.action] ?? event.action}
              {event.levelName ? ` · ${event.levelName}` : ''}
            </Typography>
            <Typography tag="p" variant="pi" textColor="neutral600">
              {`${formatDateTime(event.createdAt)} · ${event.actorName ?? '—'}${event.actorUnitName ? ` (${event.actorUnitName})` : ''}`}
            </Typography>
            <Flex gap={2} paddingTop={1} alignItems="center">
              {event.fromState ? <StateBadge state={event.fromState} size="XS" /> : null}
              {event.fromState ? <Typography aria-label="chuyển sang">→</Typography> : null}
              <StateBadge state={event.toState} size="XS" />
            </Flex>
            {event.reason ? (
              <Typography tag="p" paddingTop={1} style={{ whiteSpace: 'pre-wrap' }}>
                {`Lý do: ${event.reason}`}
              </Typography>
            ) : null}
            {event.decision ? (
              <Typography tag="p" paddingTop={1}>
                {`Quyết định số ${event.decision.number} ngày ${formatDate(event.decision.date)}, người ký: ${event.decision.signer}`}
              </Typography>
            ) : null}
          </Box>
        </li>
      ))}
    </ol>
  );
};
