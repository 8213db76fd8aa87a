import engine from './engine';
import review from './review';
import setup from './setup';

export default { engine, review, setup };
