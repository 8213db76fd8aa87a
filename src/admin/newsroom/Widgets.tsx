import * as React from 'react';

import { Badge, Flex, Link, Typography } from '@strapi/design-system';
import { Widget, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';

/** GET /admin/newsroom/overview (src/domain/newsroom/overview.ts). */
type NewsroomItem = { documentId: string; title: string; at: string | null; published: boolean; views?: number };
type NewsroomOverview = { drafts: NewsroomItem[]; scheduled: NewsroomItem[]; mostRead: NewsroomItem[] };

const ARTICLE_EDIT = '/content-manager/collection-types/api::article.article';
const t = (id: string) => ({ id: `newsroom.${id}`, defaultMessage: id });

/** One request shared by the three widgets of a homepage visit. */
let pending: Promise<NewsroomOverview> | null = null;
let pendingAt = 0;

function useOverview() {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<{ data?: NewsroomOverview; failed?: boolean }>({});
  React.useEffect(() => {
    let cancelled = false;
    if (!pending || Date.now() - pendingAt > 5000) {
      pendingAt = Date.now();
      pending = get<{ data: NewsroomOverview }>('/admin/newsroom/overview').then((response) => response.data.data);
    }
    pending.then(
      (data) => !cancelled && setState({ data }),
      () => !cancelled && setState({ failed: true })
    );
    return () => {
      cancelled = true;
    };
  }, [get]);
  return state;
}

/** "14:15 04/01/2024" in Vietnam time, as the news pages write it. */
function formatAt(iso: string | null): string {
  if (!iso) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hour12: false })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value])
  );
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}

function ItemList({ items, detail }: { items: NewsroomItem[]; detail: (item: NewsroomItem) => React.ReactNode }) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item) => (
        <li key={item.documentId}>
          <Flex justifyContent="space-between" gap={3} paddingTop={2} paddingBottom={2}>
            <Link tag={RouterLink} to={`${ARTICLE_EDIT}/${item.documentId}`}>
              {item.title}
            </Link>
            <Typography variant="pi" textColor="neutral600" style={{ whiteSpace: 'nowrap' }}>
              {detail(item)}
            </Typography>
          </Flex>
        </li>
      ))}
    </ul>
  );
}

type SectionProps = {
  pick: (overview: NewsroomOverview) => NewsroomItem[];
  empty: string;
  detail: (item: NewsroomItem) => React.ReactNode;
};

function Section({ pick, empty, detail }: SectionProps) {
  const { formatMessage } = useIntl();
  const { data, failed } = useOverview();
  if (failed) return <Widget.Error>{formatMessage(t('error'))}</Widget.Error>;
  if (!data) return <Widget.Loading />;
  const items = pick(data);
  if (items.length === 0) return <Widget.NoData>{formatMessage(t(empty))}</Widget.NoData>;
  return <ItemList items={items} detail={detail} />;
}

/** My recent drafts: articles I created or edited last, not yet published (or with unpublished changes). */
export function DraftsWidget() {
  const { formatMessage } = useIntl();
  return (
    <Section
      pick={(overview) => overview.drafts}
      empty="drafts.empty"
      detail={(item) => (
        <Flex gap={2} tag="span">
          <Badge>{formatMessage(t(item.published ? 'drafts.changes' : 'drafts.draft'))}</Badge>
          {formatAt(item.at)}
        </Flex>
      )}
    />
  );
}

/** Articles waiting for their publication time. */
export function ScheduledWidget() {
  return <Section pick={(overview) => overview.scheduled} empty="scheduled.empty" detail={(item) => formatAt(item.at)} />;
}

/** The most read articles of the last seven days. */
export function MostReadWidget() {
  const { formatMessage, formatNumber } = useIntl();
  return (
    <Section
      pick={(overview) => overview.mostRead}
      empty="most-read.empty"
      detail={(item) => formatMessage(t('most-read.views'), { count: formatNumber(item.views ?? 0) })}
    />
  );
}
