/**
 * Which models the public sees: those recognised at some level and not
 * withdrawn by their unit. The news sites' directory, model pages, cards,
 * search, the "replicated from" link and the directory's totals all ask this
 * module, each in the form its reader needs: a document-service filter, a
 * condition on SQL rows, a condition on the statistics cube, or a test of a
 * loaded model. The forms are written next to each other so they change
 * together; tests/integration/public-initiative.test.ts checks that they
 * agree.
 */
import type { Knex } from 'knex';

/** Review states in which a recognised model is still not shown. */
export const HIDDEN_STATES: Array<'withdrawn'> = ['withdrawn'];

const hidden = (state: string | null | undefined): boolean => (HIDDEN_STATES as string[]).includes(state ?? '');

/** For `strapi.documents(...)` and `strapi.db.query(...)` on api::initiative.initiative. */
export const PUBLIC_INITIATIVE_FILTER = {
  recognitionLevel: { id: { $notNull: true } },
  reviewState: { $notIn: HIDDEN_STATES },
};

/** A loaded model (with its recognition level and review state) is public. */
export const isPublicInitiative = (model: { reviewState?: string | null; recognitionLevel?: unknown } | null | undefined): boolean =>
  Boolean(model && model.recognitionLevel && !hidden(model.reviewState));

/** Where the recognition level link and the review state column are, in a query over initiative rows. */
export type InitiativeRows = {
  /** The initiative rows' alias, e.g. `i`. */
  alias: string;
  /** The review state column, qualified (e.g. `i.review_state`). */
  reviewState: string;
  /** The recognition level link table and its owner / target columns. */
  levelLink: { table: string; owner: string; target: string };
  /** Alias for the joined link row (the level id is `${levelAlias}.${levelLink.target}`). */
  levelAlias?: string;
};

/**
 * Restricts a query over initiative rows to public ones: an inner join on the
 * recognition level link (a model has at most one level) and the state test.
 */
export function wherePublicInitiative(query: Knex.QueryBuilder, rows: InitiativeRows): Knex.QueryBuilder {
  const level = rows.levelAlias ?? 'rl';
  return query
    .join({ [level]: rows.levelLink.table }, `${level}.${rows.levelLink.owner}`, `${rows.alias}.id`)
    .whereNotIn(rows.reviewState, [...HIDDEN_STATES]);
}

/**
 * The same as an SQL condition over initiative rows `alias`, reading the
 * recognition level link table `levelLink` (owner column `initiative_id`):
 * for SQL written by hand (the search index's triggers).
 */
export const PUBLIC_INITIATIVE_SQL = (alias: string, levelLink: string): string =>
  `EXISTS (SELECT 1 FROM ${levelLink} pl WHERE pl.initiative_id = ${alias}.id) AND ${alias}.review_state NOT IN (${HIDDEN_STATES.map((state) => `'${state}'`).join(', ')})`;

/** The same over the statistics cube's rows (`level_id` 0 = no recognition level). */
export function wherePublicCube(query: Knex.QueryBuilder, alias: string): Knex.QueryBuilder {
  return query.whereNot(`${alias}.level_id`, 0).whereNotIn(`${alias}.review_state`, [...HIDDEN_STATES]);
}
