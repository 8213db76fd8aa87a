import type { Core } from '@strapi/strapi';

type FieldMetadata = { edit: { visible?: boolean; editable?: boolean; [key: string]: unknown }; list: Record<string, unknown> };
type Configuration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, FieldMetadata>;
  layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> };
};

/** Fields the system maintains: hidden from editors, or shown read-only. */
const SYSTEM_FIELDS: Record<string, { hidden?: string[]; readOnly?: string[] }> = {
  'api::article.article': { hidden: ['searchText', 'searchTitle', 'searchLead'], readOnly: ['viewCount'] },
  'api::initiative.initiative': {
    hidden: ['searchText', 'reviewPath'],
    readOnly: ['reviewState', 'reviewLevel', 'recognitionLevel', 'recognizedAt', 'version'],
  },
};

/**
 * Adjusts the Content Manager's stored view configuration so editors never
 * see the search index and cannot type into fields the system maintains.
 * (The server refuses or ignores such writes anyway; this is the UI side.)
 */
export async function configureContentManager(strapi: Core.Strapi): Promise<void> {
  const service = strapi.plugin('content-manager').service('content-types');
  for (const [uid, { hidden = [], readOnly = [] }] of Object.entries(SYSTEM_FIELDS)) {
    const contentType = strapi.contentType(uid as never);
    const config = (await service.findConfiguration(contentType)) as Configuration;
    let changed = false;
    for (const field of hidden) {
      const meta = config.metadatas[field];
      if (meta && meta.edit.visible !== false) {
        meta.edit.visible = false;
        changed = true;
      }
    }
    for (const field of readOnly) {
      const meta = config.metadatas[field];
      if (meta && meta.edit.editable !== false) {
        meta.edit.editable = false;
        changed = true;
      }
    }
    const list = config.layouts.list.filter((field) => !hidden.includes(field));
    const edit = config.layouts.edit
      .map((row) => row.filter((cell) => !hidden.includes(cell.name)))
      .filter((row) => row.length > 0);
    if (list.length !== config.layouts.list.length || edit.length !== config.layouts.edit.length) changed = true;
    if (changed) {
      await service.updateConfiguration(contentType, {
        settings: config.settings,
        metadatas: config.metadatas,
        layouts: { ...config.layouts, list, edit },
      });
    }
  }
}
