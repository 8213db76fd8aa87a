import { Flex, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';

import type { Level } from '../api/types';

/**
 * The period's review chain as steps: levels that recognised the model are
 * ticked, the level holding it now is marked as the current step.
 */
export const ChainStepper = ({ chain, current, recognised }: { chain: Level[]; current: string | null; recognised: string | null }) => {
  const recognisedIndex = chain.findIndex((level) => level.code === recognised);
  return (
    <ol
      aria-label="Các cấp xét duyệt"
      style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', gap: '0.8rem', flexWrap: 'wrap' }}
    >
      {chain.map((level, index) => {
        const done = index <= recognisedIndex;
        const isCurrent = level.code === current;
        return (
          <li key={level.code} aria-current={isCurrent ? 'step' : undefined}>
            <Flex
              gap={2}
              paddingLeft={3}
              paddingRight={3}
              paddingTop={2}
              paddingBottom={2}
              hasRadius
              background={isCurrent ? 'primary100' : done ? 'success100' : 'neutral100'}
              borderColor={isCurrent ? 'primary600' : done ? 'success600' : 'neutral200'}
              borderStyle="solid"
              borderWidth="1px"
            >
              <Typography variant="pi" fontWeight="bold" textColor={isCurrent ? 'primary700' : done ? 'success700' : 'neutral700'}>
                {`${index + 1}. ${level.name}`}
              </Typography>
              {done ? <Check aria-label="đã công nhận" fill="success600" /> : null}
              {isCurrent ? (
                <Typography variant="pi" textColor="primary700">
                  (đang ở cấp này)
                </Typography>
              ) : null}
            </Flex>
          </li>
        );
      })}
    </ol>
  );
};
