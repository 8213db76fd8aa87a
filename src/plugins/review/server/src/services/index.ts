import decisions from './decisions';
import engine from './engine';
import evidence from './evidence';
import notifications from '../notifications/service';
import queue from './queue';
import records from './records';
import review from './review';
import setup from './setup';

export default { decisions, engine, evidence, notifications, queue, records, review, setup };
