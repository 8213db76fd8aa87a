/**
 * The frame the plugin's task pages share (import, year-end report): the
 * admin's page header with a link back to the review workspace, white
 * sections with a heading each, and table header rows.
 */
import { Box, Flex, Link, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import { PLUGIN_ID } from '../pluginId';
import { useT } from '../utils/useT';

export const PluginPage = ({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) => {
  const t = useT();
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={subtitle}
        navigationAction={
          <Link tag={RouterLink} to={`/plugins/${PLUGIN_ID}`} startIcon={<ArrowLeft />}>
            {t('import.back')}
          </Link>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {children}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

/** A white section of a task page; `id` labels it by its heading. */
export const Section = ({ id, heading, children }: { id: string; heading: string; children: ReactNode }) => (
  <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-labelledby={id}>
    <Typography variant="delta" tag="h2" id={id}>
      {heading}
    </Typography>
    {children}
  </Box>
);

/** A table's header row, one column per label. */
export const HeadRow = ({ labels }: { labels: string[] }) => (
  <Thead>
    <Tr>
      {labels.map((label) => (
        <Th key={label}>
          <Typography variant="sigma">{label}</Typography>
        </Th>
      ))}
    </Tr>
  </Thead>
);
