import { Status, Typography } from '@strapi/design-system';

import { STATE_LABELS, type State } from '../../../shared/workflow';

const VARIANT: Record<State, 'alternative' | 'danger' | 'neutral' | 'primary' | 'secondary' | 'success' | 'warning'> = {
  draft: 'neutral',
  submitted: 'secondary',
  under_review: 'primary',
  returned: 'warning',
  recognized: 'success',
  not_recognized: 'danger',
  proposed: 'alternative',
  withdrawn: 'neutral',
};

/** A model's review state, coloured, with its Vietnamese name from the shared workflow. */
export const StateBadge = ({ state, size = 'S' }: { state: State; size?: 'XS' | 'S' | 'M' }) => (
  <Status variant={VARIANT[state] ?? 'neutral'} size={size}>
    <Typography fontWeight="bold" variant="omega">
      {STATE_LABELS[state] ?? state}
    </Typography>
  </Status>
);
