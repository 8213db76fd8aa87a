/**
 * The review's side panel in the Content Manager's edit view of a model:
 * state, current level and recognition level, and a link to the model page
 * of the review workspace (where decisions are taken).
 */
import { Flex, LinkButton, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { Link as RouterLink, useParams } from 'react-router-dom';

import type { ModelDetail } from '../api/types';
import { useRequest } from '../api/useRequest';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';
import { StateBadge } from './StateBadge';

export const INITIATIVE_UID = 'api::initiative.initiative';

const PanelContent = ({ documentId }: { documentId: string }) => {
  const detail = useRequest<ModelDetail>(`/${PLUGIN_ID}/initiatives/${encodeURIComponent(documentId)}`);
  if (!detail.data) {
    return (
      <Typography textColor="neutral600">{detail.isLoading ? 'Đang tải…' : 'Mô hình không thuộc phạm vi xét duyệt của bạn.'}</Typography>
    );
  }
  const model = detail.data;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%">
      <Flex gap={2}>
        <Typography variant="sigma" textColor="neutral600">
          Trạng thái
        </Typography>
        <StateBadge state={model.reviewState} />
      </Flex>
      <Typography variant="omega">{`Cấp đang xét: ${model.reviewLevel?.name ?? '—'}`}</Typography>
      <Typography variant="omega">{`Cấp đã công nhận: ${model.recognitionLevel?.name ?? 'chưa'}`}</Typography>
      <LinkButton tag={RouterLink} to={`/plugins/${PLUGIN_ID}/models/${model.documentId}`} variant="secondary" fullWidth>
        Mở hồ sơ xét duyệt
      </LinkButton>
    </Flex>
  );
};

type PanelProps = { model: string; documentId?: string };

export const ReviewPanel = ({ model, documentId }: PanelProps) => {
  const params = useParams();
  const { allowedActions } = useRBAC(PERMISSIONS.review);
  const id = documentId ?? params.id;
  if (model !== INITIATIVE_UID || !id || id === 'create' || !allowedActions.canReview) return null;
  return { title: 'Xét duyệt', content: <PanelContent documentId={id} /> };
};
ReviewPanel.type = 'review';
