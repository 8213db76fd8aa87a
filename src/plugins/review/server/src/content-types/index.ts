import assessment from './assessment/schema.json';
import decision from './decision/schema.json';
import decisionAmendment from './decision-amendment/schema.json';
import reviewEvent from './review-event/schema.json';
import reviewer from './reviewer/schema.json';

export default {
  'review-event': { schema: reviewEvent },
  assessment: { schema: assessment },
  decision: { schema: decision },
  'decision-amendment': { schema: decisionAmendment },
  reviewer: { schema: reviewer },
};
