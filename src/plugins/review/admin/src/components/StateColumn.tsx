import type { State } from '../../../shared/workflow';
import { INITIATIVE_UID } from './EditViewPanel';
import { StateBadge } from './StateBadge';

type Header = {
  name: string;
  label: { id: string; defaultMessage: string } | string;
  cellFormatter?: (row: Record<string, unknown>) => React.ReactNode;
} & Record<string, unknown>;
type HookArgs = { displayedHeaders: Header[]; layout: unknown };

/** The list view passes no model to this hook; its URL names it (…/collection-types/api::initiative.initiative). */
const onInitiativeList = () => decodeURIComponent(window.location.pathname).includes(`/collection-types/${INITIATIVE_UID}`);

/**
 * Content Manager list view of models: the review state column shows a
 * coloured badge with the state's Vietnamese name (hook
 * 'Admin/CM/pages/ListView/inject-column-in-table').
 */
export const stateColumnHook = ({ displayedHeaders, layout }: HookArgs) => {
  if (!onInitiativeList()) return { displayedHeaders, layout };
  const headers = displayedHeaders.map((header) =>
    header.name === 'reviewState'
      ? { ...header, cellFormatter: (row: Record<string, unknown>) => <StateBadge state={row.reviewState as State} /> }
      : header,
  );
  if (!headers.some((header) => header.name === 'reviewState')) {
    headers.push({
      name: 'reviewState',
      attribute: { type: 'enumeration' },
      label: { id: 'content-manager.content-types.api::initiative.initiative.reviewState', defaultMessage: 'Trạng thái xét duyệt' },
      searchable: false,
      sortable: true,
      cellFormatter: (row: Record<string, unknown>) => <StateBadge state={row.reviewState as State} />,
    });
  }
  return { displayedHeaders: headers, layout };
};
