/**
 * The review workflow of "Dân vận khéo" models, as pure data and functions.
 * Imported by the server (the engine enforces it) and the admin panel (which
 * shows only the actions this allows). No Strapi, no I/O.
 *
 * A period's review chain is an ordered list of level codes (unit kinds),
 * e.g. ['commune', 'district', 'province'] before 2025 and
 * ['commune', 'province'] after. No level name appears here.
 */

export const STATES = [
  'draft',
  'submitted',
  'under_review',
  'returned',
  'recognized',
  'not_recognized',
  'proposed',
  'withdrawn',
] as const;
export type State = (typeof STATES)[number];

export const ACTIONS = ['submit', 'withdraw', 'start_review', 'recognize', 'return', 'decline', 'propose'] as const;
export type Action = (typeof ACTIONS)[number];

/** Vietnamese names of the states, shown by the server's messages and the admin panel. */
export const STATE_LABELS: Record<State, string> = {
  draft: 'Nháp',
  submitted: 'Đã đăng ký',
  under_review: 'Đang xét duyệt',
  returned: 'Trả lại bổ sung',
  recognized: 'Đã công nhận',
  not_recognized: 'Không công nhận',
  proposed: 'Đề nghị cấp trên',
  withdrawn: 'Đã rút',
};

/** Vietnamese names of the actions (button labels and messages). */
export const ACTION_LABELS: Record<Action, string> = {
  submit: 'Đăng ký',
  withdraw: 'Rút đăng ký',
  start_review: 'Bắt đầu xét duyệt',
  recognize: 'Công nhận',
  return: 'Trả lại bổ sung',
  decline: 'Không công nhận',
  propose: 'Đề nghị cấp trên',
};

/** Labels of the history's events: the actions, and events outside the workflow (a registration imported from a file). */
export const EVENT_LABELS: Record<string, string> = { ...ACTION_LABELS, import: 'Nhập từ tệp Excel' };

/**
 * The reviewer's queue tabs: which states each shows. "Recognised" holds the
 * models recognised at the reviewer's level, which they may propose upwards.
 */
export const QUEUE_TABS = {
  waiting: ['submitted', 'proposed'],
  under_review: ['under_review'],
  returned: ['returned'],
  recognized: ['recognized'],
  not_recognized: ['not_recognized'],
  all: [...STATES],
} as const satisfies Record<string, readonly State[]>;
export type QueueTab = keyof typeof QUEUE_TABS;
export const QUEUE_TAB_KEYS = Object.keys(QUEUE_TABS) as QueueTab[];

export const QUEUE_TAB_LABELS: Record<QueueTab, string> = {
  waiting: 'Chờ xét',
  under_review: 'Đang xét',
  returned: 'Đã trả lại',
  recognized: 'Đã công nhận',
  not_recognized: 'Không công nhận',
  all: 'Tất cả',
};

/** Who takes an action: the owner unit's officer, or a reviewer of the current level. */
export type ActorRole = 'officer' | 'reviewer';

export const ACTION_ROLE: Record<Action, ActorRole> = {
  submit: 'officer',
  withdraw: 'officer',
  start_review: 'reviewer',
  recognize: 'reviewer',
  return: 'reviewer',
  decline: 'reviewer',
  propose: 'reviewer',
};

/** Decisions that must give a reason. */
export const REASON_REQUIRED: ReadonlySet<Action> = new Set(['return', 'decline']);

/** States in which the owner may edit the model. Everything else is frozen. */
export const EDITABLE_STATES: ReadonlySet<State> = new Set(['draft', 'returned']);

/** States in which the current level holds the model (waiting or being reviewed). */
export const AT_LEVEL_STATES: ReadonlySet<State> = new Set(['submitted', 'proposed', 'under_review']);

export type Position = {
  state: State;
  /** Level code of the current review step, null before the first submission. */
  level: string | null;
  /** Highest level code that recognised the model, null if none. */
  recognitionLevel: string | null;
};

export type TransitionResult =
  | { ok: true; next: Position; entersLevel: boolean }
  | { ok: false; code: 'not_allowed' | 'empty_chain' | 'top_level' | 'not_in_chain'; message: string };

const fail = (code: Extract<TransitionResult, { ok: false }>['code'], message: string): TransitionResult => ({
  ok: false,
  code,
  message,
});

export const levelIndex = (chain: readonly string[], level: string | null) => (level === null ? -1 : chain.indexOf(level));

/** The higher (later in the chain) of two levels; recognition never goes down. */
export const higherLevel = (chain: readonly string[], a: string | null, b: string | null) =>
  levelIndex(chain, a) >= levelIndex(chain, b) ? a : b;

/** Where an action takes a model, or why it cannot. `entersLevel` means a new review round starts at `next.level`. */
export function transition(chain: readonly string[], from: Position, action: Action): TransitionResult {
  const { state, level, recognitionLevel } = from;
  const notAllowed = () => fail('not_allowed', `"${action}" is not allowed from "${state}"`);
  switch (action) {
    case 'submit': {
      if (chain.length === 0) return fail('empty_chain', 'the period has no review chain');
      if (state === 'draft') return { ok: true, next: { state: 'submitted', level: chain[0], recognitionLevel }, entersLevel: true };
      if (state === 'returned') {
        // A returned model goes back to the level that returned it, for a new round.
        const back = levelIndex(chain, level) >= 0 ? level : chain[0];
        return { ok: true, next: { state: 'submitted', level: back, recognitionLevel }, entersLevel: true };
      }
      return notAllowed();
    }
    case 'withdraw':
      if (state === 'draft' || state === 'returned' || AT_LEVEL_STATES.has(state)) {
        return { ok: true, next: { state: 'withdrawn', level, recognitionLevel }, entersLevel: false };
      }
      return notAllowed();
    case 'start_review':
      if (state === 'submitted' || state === 'proposed') {
        return { ok: true, next: { state: 'under_review', level, recognitionLevel }, entersLevel: false };
      }
      return notAllowed();
    case 'recognize':
      if (state !== 'under_review') return notAllowed();
      if (levelIndex(chain, level) < 0) return fail('not_in_chain', `level "${level}" is not in the review chain`);
      return {
        ok: true,
        next: { state: 'recognized', level, recognitionLevel: higherLevel(chain, recognitionLevel, level) },
        entersLevel: false,
      };
    case 'return':
      if (state !== 'under_review') return notAllowed();
      return { ok: true, next: { state: 'returned', level, recognitionLevel }, entersLevel: false };
    case 'decline':
      if (state !== 'under_review') return notAllowed();
      // A lower level's recognition stands even when a higher level declines.
      return { ok: true, next: { state: 'not_recognized', level, recognitionLevel }, entersLevel: false };
    case 'propose': {
      if (state !== 'recognized' || recognitionLevel !== level) return notAllowed();
      const index = levelIndex(chain, level);
      if (index < 0) return fail('not_in_chain', `level "${level}" is not in the review chain`);
      if (index === chain.length - 1) return fail('top_level', 'the model is already recognised at the top level');
      return { ok: true, next: { state: 'proposed', level: chain[index + 1], recognitionLevel }, entersLevel: true };
    }
    default:
      return notAllowed();
  }
}

/** The actions a role may take now, for the admin UI's buttons. */
export function availableActions(chain: readonly string[], from: Position, role: ActorRole): Action[] {
  return ACTIONS.filter((action) => ACTION_ROLE[action] === role && transition(chain, from, action).ok);
}

/** Whether the model is recognised at the top of its chain (final). */
export const isRecognisedAtTop = (chain: readonly string[], position: Position) =>
  chain.length > 0 && position.recognitionLevel === chain[chain.length - 1];
