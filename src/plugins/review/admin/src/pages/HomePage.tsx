import { Box, Main, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

import { getTranslation } from '../utils/getTranslation';

export const HomePage = () => {
  const { formatMessage } = useIntl();

  return (
    <Main>
      <Box padding={8}>
        <Typography variant="alpha" tag="h1">
          {formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Xét duyệt mô hình' })}
        </Typography>
        <Box paddingTop={4}>
          <Typography variant="epsilon">
            {formatMessage({
              id: getTranslation('home.description'),
              defaultMessage: 'Xét duyệt, đề xuất và công nhận mô hình "Dân vận khéo" theo từng cấp.',
            })}
          </Typography>
        </Box>
      </Box>
    </Main>
  );
};
