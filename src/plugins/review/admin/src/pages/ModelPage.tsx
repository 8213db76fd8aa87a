/**
 * One model, for its reviewer: everything the unit submitted, where it stands
 * in the review chain, the criteria checklist, the decisions the server
 * allows now, and the history.
 */
import { Badge, Box, Button, Flex, Grid, Link, Typography } from '@strapi/design-system';
import { ArrowLeft, Download, Eye, Lock } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { Link as RouterLink, useParams } from 'react-router-dom';

import { AT_LEVEL_STATES } from '../../../shared/workflow';
import type { EvidenceFile, Media, ModelDetail } from '../api/types';
import { errorMessage, useRequest } from '../api/useRequest';
import { ChainStepper } from '../components/ChainStepper';
import { Checklist } from '../components/Checklist';
import { DecisionActions } from '../components/DecisionActions';
import { History } from '../components/History';
import { StateBadge } from '../components/StateBadge';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';
import { absoluteUrl, formatDate, formatNumber, ORIGIN_LABELS, SUBJECT_LABELS } from '../utils/format';

const Section = ({ title, children, id }: { title: string; children: React.ReactNode; id: string }) => (
  <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-labelledby={id}>
    <Box paddingBottom={4}>
      <Typography variant="delta" tag="h2" id={id}>
        {title}
      </Typography>
    </Box>
    {children}
  </Box>
);

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Flex direction="column" alignItems="flex-start" gap={1} paddingBottom={3}>
    <Typography variant="sigma" textColor="neutral600" tag="dt">
      {label}
    </Typography>
    <Typography tag="dd" style={{ margin: 0, whiteSpace: 'pre-wrap' }} textColor="neutral800">
      {children}
    </Typography>
  </Flex>
);

const mediaUrl = (media: Media) => absoluteUrl(media.url);

export const ModelPage = () => {
  const { documentId = '' } = useParams();
  const detail = useRequest<ModelDetail>(`/${PLUGIN_ID}/initiatives/${encodeURIComponent(documentId)}`);
  const { allowedActions } = useRBAC([...PERMISSIONS.assess, ...PERMISSIONS.decide]);

  if (detail.isLoading && !detail.data) return <Page.Loading />;
  if (!detail.data) {
    return (
      <Page.Main>
        <Page.Title>Hồ sơ mô hình</Page.Title>
        <Layouts.Header title="Hồ sơ mô hình" navigationAction={<BackLink />} />
        <Layouts.Content>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
            <Typography role="alert" textColor="danger600">
              {errorMessage(detail.error)}
            </Typography>
          </Box>
        </Layouts.Content>
      </Page.Main>
    );
  }

  const model = detail.data;
  const submission = model.submission;
  const level = model.reviewLevel;
  const checklistRows = model.assessments.filter((row) => row.levelCode === level?.code);
  const canAssess = allowedActions.canAssess && model.actions.length > 0 && AT_LEVEL_STATES.has(model.reviewState);
  const images = [...(submission.cover ? [submission.cover] : []), ...(submission.gallery ?? [])];

  return (
    <Page.Main aria-busy={detail.isLoading}>
      <Page.Title>{model.title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackLink />}
        title={model.title}
        subtitle={`${submission.ownerPath.join(' › ')}${model.period ? ` · ${model.period.name}` : ''}`}
        secondaryAction={<StateBadge state={model.reviewState} />}
      />
      <Layouts.Content>
        <Grid.Root gap={4}>
          <Grid.Item col={8} s={12} direction="column" alignItems="stretch" gap={4}>
            <Section title="Nội dung đăng ký" id="section-submission">
              <dl style={{ margin: 0 }}>
                {submission.summary ? <Row label="Tóm tắt">{submission.summary}</Row> : null}
                <Row label="Nội dung">{submission.content || '—'}</Row>
                <Row label="Kết quả đạt được">{submission.results || '—'}</Row>
                {submission.indicators && submission.indicators.length > 0 ? (
                  <Row label="Chỉ số">
                    {submission.indicators
                      .map(
                        (indicator) => `${indicator.label}: ${formatNumber(indicator.value)}${indicator.unit ? ` ${indicator.unit}` : ''}`,
                      )
                      .join('\n')}
                  </Row>
                ) : null}
                <Row label="Đối tượng">{SUBJECT_LABELS[model.subjectType] ?? model.subjectType}</Row>
                {submission.personName ? (
                  <Row label="Cá nhân">{`${submission.personName}${submission.personPosition ? `, ${submission.personPosition}` : ''}`}</Row>
                ) : null}
                <Row label="Nguồn gốc">
                  {ORIGIN_LABELS[submission.origin ?? ''] ?? '—'}
                  {submission.replicatedFrom
                    ? ` — nhân rộng từ “${submission.replicatedFrom.title}”${submission.replicatedFrom.ownerUnit ? ` (${submission.replicatedFrom.ownerUnit.name})` : ''}`
                    : ''}
                </Row>
                <Row label="Lĩnh vực">{model.field?.name ?? '—'}</Row>
                {submission.localityUnit ? <Row label="Địa bàn">{submission.localityUnit.name}</Row> : null}
              </dl>
              {submission.personContact &&
              (submission.personContact.phone || submission.personContact.email || submission.personContact.address) ? (
                <Box
                  background="warning100"
                  borderColor="warning200"
                  borderStyle="solid"
                  borderWidth="1px"
                  padding={4}
                  hasRadius
                  marginTop={2}
                >
                  <Flex gap={2} paddingBottom={2}>
                    <Lock aria-hidden />
                    <Typography fontWeight="bold">Thông tin liên hệ — riêng tư, không công bố</Typography>
                  </Flex>
                  <Typography tag="p">
                    {[submission.personContact.phone, submission.personContact.email, submission.personContact.address]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography>
                </Box>
              ) : null}
            </Section>

            {images.length > 0 ? (
              <Section title="Hình ảnh" id="section-images">
                <Flex gap={3} wrap="wrap">
                  {images.map((image) => (
                    <a key={image.id} href={mediaUrl(image)} target="_blank" rel="noreferrer">
                      <img src={mediaUrl(image)} alt={image.alternativeText || image.name} style={{ height: '12rem', borderRadius: 4 }} />
                    </a>
                  ))}
                </Flex>
              </Section>
            ) : null}

            <Section title="Minh chứng" id="section-evidence">
              <EvidenceList documentId={model.documentId} files={model.evidence} />
            </Section>

            <Section title={`Tiêu chí đánh giá${level ? ` — ${level.name}` : ''}`} id="section-checklist">
              <Checklist documentId={model.documentId} rows={checklistRows} editable={canAssess} onSaved={detail.reload} />
            </Section>

            <Section title="Lịch sử xét duyệt" id="section-history">
              <History events={model.history} />
            </Section>
          </Grid.Item>

          <Grid.Item col={4} s={12} direction="column" alignItems="stretch" gap={4}>
            <Section title="Quyết định" id="section-decision">
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Flex gap={2} wrap="wrap">
                  <Typography>Trạng thái:</Typography>
                  <StateBadge state={model.reviewState} />
                </Flex>
                {allowedActions.canDecide ? (
                  <DecisionActions
                    documentId={model.documentId}
                    version={model.version}
                    state={model.reviewState}
                    actions={model.actions}
                    levelName={level?.name ?? null}
                    onDone={detail.reload}
                  />
                ) : (
                  <Typography textColor="neutral600">Tài khoản của bạn chỉ được xem hồ sơ.</Typography>
                )}
              </Flex>
            </Section>
            <Section title="Cấp xét duyệt" id="section-chain">
              <Flex direction="column" alignItems="stretch" gap={3}>
                <ChainStepper chain={model.chain} current={level?.code ?? null} recognised={model.recognitionLevel?.code ?? null} />
                <Typography variant="pi" textColor="neutral600">
                  {model.recognitionLevel
                    ? `Đã công nhận ở ${model.recognitionLevel.name}${model.recognizedAt ? ` ngày ${formatDate(model.recognizedAt)}` : ''}.`
                    : 'Chưa được công nhận ở cấp nào.'}
                </Typography>
              </Flex>
            </Section>
            <Section title="Đơn vị chủ trì" id="section-owner">
              <ol aria-label="Đường dẫn đơn vị" style={{ margin: 0, paddingLeft: '1.6rem' }}>
                {submission.ownerPath.map((name) => (
                  <li key={name}>
                    <Typography>{name}</Typography>
                  </li>
                ))}
              </ol>
              <Box paddingTop={3}>
                <Badge>{model.period ? `Đợt: ${model.period.name}` : 'Chưa chọn đợt'}</Badge>
              </Box>
            </Section>
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

const BackLink = () => (
  <Link tag={RouterLink} to={`/plugins/${PLUGIN_ID}`} startIcon={<ArrowLeft />}>
    Hồ sơ cần xét
  </Link>
);

/** Evidence files, fetched through the authorised route (never a public URL): preview in a new tab or download. */
const EvidenceList = ({ documentId, files }: { documentId: string; files: EvidenceFile[] }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  if (files.length === 0) return <Typography textColor="neutral600">Đơn vị chưa nộp minh chứng.</Typography>;

  const open = async (file: EvidenceFile, download: boolean) => {
    try {
      const response = await get<Blob>(`/${PLUGIN_ID}/initiatives/${documentId}/evidence/${file.id}`, { responseType: 'blob' });
      const url = URL.createObjectURL(new Blob([response.data], { type: file.mime }));
      if (download) {
        const anchor = document.createElement('a');
        anchor.href = url;
        anchor.download = file.name;
        anchor.click();
      } else {
        window.open(url, '_blank', 'noopener');
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {files.map((file) => {
        const previewable = file.mime.startsWith('image/') || file.mime === 'application/pdf';
        return (
          <li key={file.id}>
            <Flex gap={3} paddingBottom={2} justifyContent="space-between">
              <Typography>{`${file.name} (${formatNumber(Math.ceil(file.size / 1024))} KB)`}</Typography>
              <Flex gap={2}>
                {previewable ? (
                  <Button
                    variant="tertiary"
                    size="S"
                    startIcon={<Eye />}
                    onClick={() => void open(file, false)}
                    aria-label={`Xem ${file.name}`}
                  >
                    Xem
                  </Button>
                ) : null}
                <Button
                  variant="tertiary"
                  size="S"
                  startIcon={<Download />}
                  onClick={() => void open(file, true)}
                  aria-label={`Tải về ${file.name}`}
                >
                  Tải về
                </Button>
              </Flex>
            </Flex>
          </li>
        );
      })}
    </ul>
  );
};
