import decisions from './decisions';
import engine from './engine';
import evidence from './evidence';
import records from './records';
import review from './review';
import setup from './setup';

export default { decisions, engine, evidence, records, review, setup };
