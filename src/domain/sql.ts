import type { Core } from '@strapi/strapi';

type JoinTable = {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
};

type AttributeMeta = { columnName?: string; joinTable?: JoinTable };

/** Table and column names of a content type as Strapi's schema stores them (no hard-coded identifiers). */
export function tableOf(strapi: Core.Strapi, uid: string) {
  const meta = strapi.db.metadata.get(uid as never) as unknown as {
    tableName: string;
    attributes: Record<string, AttributeMeta>;
  };
  return {
    name: meta.tableName,
    column(attribute: string): string {
      const column = meta.attributes[attribute]?.columnName;
      if (!column) throw new Error(`${uid}.${attribute} has no column`);
      return column;
    },
    /**
     * The link table of a relation (or of a component): its name, the owner's
     * column, the target's column and, for ordered relations, the column
     * holding the owner's order of its targets.
     */
    link(attribute: string): { table: string; owner: string; target: string; order?: string } {
      const join = meta.attributes[attribute]?.joinTable;
      if (!join) throw new Error(`${uid}.${attribute} is not a relation with a link table`);
      return { table: join.name, owner: join.joinColumn.name, target: join.inverseJoinColumn.name, order: join.orderColumnName };
    },
  };
}
