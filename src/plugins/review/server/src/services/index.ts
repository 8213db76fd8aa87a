import notifications from '../notifications/service';
import comments from './comments';
import dashboard from './dashboard';
import decisions from './decisions';
import engine from './engine';
import evidence from './evidence';
import imports from './imports';
import queue from './queue';
import records from './records';
import review from './review';
import setup from './setup';

export default { comments, dashboard, decisions, engine, evidence, imports, notifications, queue, records, review, setup };
