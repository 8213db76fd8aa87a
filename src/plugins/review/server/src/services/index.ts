import decisions from './decisions';
import engine from './engine';
import evidence from './evidence';
import queue from './queue';
import review from './review';
import setup from './setup';

export default { decisions, engine, evidence, queue, review, setup };
