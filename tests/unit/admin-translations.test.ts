/**
 * Every field of ours has a Vietnamese label in the admin: a new attribute,
 * component field or enumeration value without an entry in
 * src/admin/translations/vi.json fails here.
 *
 * Key formats are the ones the Content Manager (5.54) asks react-intl for:
 * - edit view and list view:  content-manager.content-types.<uid>.<field>
 * - component fields:         content-manager.components.<category>.<name>.<field>
 * - enumeration options:      the raw enum value (EnumerationInput and list filters)
 * - content type / component: its displayName
 */
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

type Attribute = { type: string; enum?: string[] };
type Schema = { info: { displayName: string }; options?: { draftAndPublish?: boolean }; attributes: Record<string, Attribute> };

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const dirs = (dir: string) =>
  fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

function contentTypes(): Array<{ uid: string; schema: Schema }> {
  const apiDir = path.join(ROOT, 'src', 'api');
  const result: Array<{ uid: string; schema: Schema }> = [];
  for (const api of dirs(apiDir)) {
    const typesDir = path.join(apiDir, api, 'content-types');
    if (!fs.existsSync(typesDir)) continue;
    for (const name of dirs(typesDir)) {
      result.push({ uid: `api::${api}.${name}`, schema: readJson<Schema>(path.join(typesDir, name, 'schema.json')) });
    }
  }
  return result;
}

function components(): Array<{ uid: string; schema: Schema }> {
  const componentsDir = path.join(ROOT, 'src', 'components');
  return dirs(componentsDir).flatMap((category) =>
    fs
      .readdirSync(path.join(componentsDir, category))
      .filter((file) => file.endsWith('.json'))
      .map((file) => ({
        uid: `${category}.${path.basename(file, '.json')}`,
        schema: readJson<Schema>(path.join(componentsDir, category, file)),
      }))
  );
}

const vi = readJson<Record<string, unknown>>(path.join(ROOT, 'src', 'admin', 'translations', 'vi.json'));
const label = (key: string) => (typeof vi[key] === 'string' ? (vi[key] as string).trim() : '');

/** Fields Strapi adds to every content type, which the list view may show as columns. */
const SYSTEM_FIELDS = ['id', 'documentId', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'publishedAt', 'locale', 'localizations'];

const CONTENT_TYPES = contentTypes();
const COMPONENTS = components();

describe('admin translations (vi.json)', () => {
  it('finds our content types and components', () => {
    expect(CONTENT_TYPES.length).toBeGreaterThanOrEqual(11);
    expect(COMPONENTS.length).toBeGreaterThanOrEqual(5);
  });

  it('is a flat map of non-empty strings', () => {
    for (const [key, value] of Object.entries(vi)) {
      expect([key, typeof value === 'string' && value.trim() !== '']).toEqual([key, true]);
    }
  });

  it.each(CONTENT_TYPES.map(({ uid, schema }) => [uid, schema] as const))('labels every field of %s', (uid, schema) => {
    expect(label(schema.info.displayName)).not.toBe('');
    const missing = Object.keys(schema.attributes).filter((field) => !label(`content-manager.content-types.${uid}.${field}`));
    expect(missing).toEqual([]);
  });

  it.each(COMPONENTS.map(({ uid, schema }) => [uid, schema] as const))('labels every field of component %s', (uid, schema) => {
    expect(label(schema.info.displayName)).not.toBe('');
    const missing = Object.keys(schema.attributes).filter((field) => !label(`content-manager.components.${uid}.${field}`));
    expect(missing).toEqual([]);
  });

  it('translates every enumeration value (keyed by the raw value)', () => {
    const values = new Set(
      [...CONTENT_TYPES, ...COMPONENTS].flatMap(({ schema }) =>
        Object.values(schema.attributes).flatMap((attribute) => (attribute.type === 'enumeration' ? attribute.enum ?? [] : []))
      )
    );
    expect(values.size).toBeGreaterThan(0);
    const untranslated = [...values].filter((value) => !label(value) || label(value) === value);
    expect(untranslated).toEqual([]);
  });

  it('has no label for a field that no longer exists', () => {
    const known = new Set<string>();
    for (const { uid, schema } of CONTENT_TYPES) {
      for (const field of [...Object.keys(schema.attributes), ...SYSTEM_FIELDS]) known.add(`content-manager.content-types.${uid}.${field}`);
    }
    for (const { uid, schema } of COMPONENTS) {
      for (const field of Object.keys(schema.attributes)) known.add(`content-manager.components.${uid}.${field}`);
    }
    // Only keys about our own models: Strapi's own strings also start with `content-manager.components.` (LeftMenu ...).
    const categories = new Set(COMPONENTS.map(({ uid }) => uid.split('.')[0]));
    const ours = (key: string) =>
      key.startsWith('content-manager.content-types.api::') ||
      (key.startsWith('content-manager.components.') && categories.has(key.split('.')[2]));
    const stale = Object.keys(vi).filter((key) => ours(key) && !known.has(key));
    expect(stale).toEqual([]);
  });
});

describe('field names in the review plugin messages', () => {
  it('are the labels the admin shows for those fields', async () => {
    const { FIELD_LABELS } = await import('../../src/plugins/review/server/src/messages');
    const vi = readJson<Record<string, string>>(path.join(ROOT, 'src', 'admin', 'translations', 'vi.json'));
    for (const [field, label] of Object.entries(FIELD_LABELS)) {
      expect([field, label]).toEqual([field, vi[`content-manager.content-types.api::initiative.initiative.${field}`]]);
    }
  });
});
