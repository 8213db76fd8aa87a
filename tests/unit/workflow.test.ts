import {
  availableActions,
  isRecognisedAtTop,
  transition,
  type Action,
  type Position,
} from '../../src/plugins/review/shared/workflow';

const THREE_TIER = ['commune', 'district', 'province'];
const TWO_TIER = ['commune', 'province'];

const start: Position = { state: 'draft', level: null, recognitionLevel: null };

/** Applies actions in order, failing loudly on a refused one. */
function walk(chain: string[], actions: Action[], from: Position = start): Position {
  return actions.reduce((position, action) => {
    const result = transition(chain, position, action);
    if (!result.ok) throw new Error(`${action} refused from ${position.state}: ${result.message}`);
    return result.next;
  }, from);
}

describe('review workflow (pure)', () => {
  it('walks a three-tier chain from draft to provincial recognition', () => {
    const steps: Action[] = ['submit', 'start_review', 'recognize', 'propose', 'start_review', 'recognize', 'propose', 'start_review', 'recognize'];
    const end = walk(THREE_TIER, steps);
    expect(end).toEqual({ state: 'recognized', level: 'province', recognitionLevel: 'province' });
    expect(isRecognisedAtTop(THREE_TIER, end)).toBe(true);
  });

  it('walks a two-tier chain with the same code', () => {
    const end = walk(TWO_TIER, ['submit', 'start_review', 'recognize', 'propose', 'start_review', 'recognize']);
    expect(end).toEqual({ state: 'recognized', level: 'province', recognitionLevel: 'province' });
  });

  it('starts a new round at the first level on submission, and at the next level on proposal', () => {
    const submitted = transition(THREE_TIER, start, 'submit');
    expect(submitted).toMatchObject({ ok: true, entersLevel: true, next: { state: 'submitted', level: 'commune' } });
    const proposed = transition(THREE_TIER, { state: 'recognized', level: 'commune', recognitionLevel: 'commune' }, 'propose');
    expect(proposed).toMatchObject({ ok: true, entersLevel: true, next: { state: 'proposed', level: 'district' } });
  });

  it('keeps a lower level recognition when a higher level declines', () => {
    const atDistrict = walk(THREE_TIER, ['submit', 'start_review', 'recognize', 'propose', 'start_review', 'decline']);
    expect(atDistrict).toEqual({ state: 'not_recognized', level: 'district', recognitionLevel: 'commune' });
  });

  it('sends a returned model back to the level that returned it, for a new round', () => {
    const returned = walk(THREE_TIER, ['submit', 'start_review', 'recognize', 'propose', 'start_review', 'return']);
    expect(returned).toEqual({ state: 'returned', level: 'district', recognitionLevel: 'commune' });
    const again = transition(THREE_TIER, returned, 'submit');
    expect(again).toMatchObject({ ok: true, entersLevel: true, next: { state: 'submitted', level: 'district' } });
  });

  it('refuses to propose beyond the top level, or before recognition', () => {
    const top = walk(TWO_TIER, ['submit', 'start_review', 'recognize', 'propose', 'start_review', 'recognize']);
    expect(transition(TWO_TIER, top, 'propose')).toMatchObject({ ok: false, code: 'top_level' });
    const reviewing = walk(TWO_TIER, ['submit', 'start_review']);
    expect(transition(TWO_TIER, reviewing, 'propose')).toMatchObject({ ok: false, code: 'not_allowed' });
  });

  it('lets the owner withdraw before a decision, never after recognition at the top', () => {
    expect(transition(TWO_TIER, walk(TWO_TIER, ['submit']), 'withdraw')).toMatchObject({ ok: true, next: { state: 'withdrawn' } });
    const top = walk(TWO_TIER, ['submit', 'start_review', 'recognize', 'propose', 'start_review', 'recognize']);
    expect(transition(TWO_TIER, top, 'withdraw')).toMatchObject({ ok: false });
    const declined = walk(TWO_TIER, ['submit', 'start_review', 'decline']);
    expect(transition(TWO_TIER, declined, 'withdraw')).toMatchObject({ ok: false });
  });

  it('refuses to submit in a period without a review chain', () => {
    expect(transition([], start, 'submit')).toMatchObject({ ok: false, code: 'empty_chain' });
  });

  it('offers each role only its own allowed actions', () => {
    expect(availableActions(THREE_TIER, start, 'officer')).toEqual(['submit', 'withdraw']);
    expect(availableActions(THREE_TIER, start, 'reviewer')).toEqual([]);
    const reviewing = walk(THREE_TIER, ['submit', 'start_review']);
    expect(availableActions(THREE_TIER, reviewing, 'reviewer')).toEqual(['recognize', 'return', 'decline']);
    expect(availableActions(THREE_TIER, reviewing, 'officer')).toEqual(['withdraw']);
  });
});
