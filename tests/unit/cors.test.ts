import { corsPolicy } from '../../config/lib/cors';

const request = (path: string, origin: string) => ({ path, get: (header: string) => (header === 'Origin' ? origin : '') });

describe('CORS policy by route class', () => {
  it('opens the public API to the listed news sites (any by default), never with credentials', () => {
    const open = corsPolicy(['*'], []);
    expect(open.origin(request('/api/portal/fields', 'https://tin.example.vn'))).toEqual(['*']);
    expect(open.credentials(request('/api/portal/fields', 'https://tin.example.vn'))).toBe(false);
    const listed = corsPolicy(['https://tin.example.vn/'], ['https://tin.example.vn']);
    expect(listed.origin(request('/api/portal/fields', 'https://tin.example.vn'))).toEqual(['https://tin.example.vn']);
    expect(listed.credentials(request('/api/portal/fields', 'https://tin.example.vn'))).toBe(false);
  });

  it('keeps the admin and the officers’ API same-origin unless an origin is listed for credentials', () => {
    const none = corsPolicy(['*'], []);
    expect(none.origin(request('/admin/access-token', 'https://evil.example'))).toEqual([]);
    expect(none.credentials(request('/admin/access-token', 'https://evil.example'))).toBe(false);

    const portal = corsPolicy(['*'], ['https://dangky.example.vn', '*']);
    expect(portal.origin(request('/api/review/officer/initiatives', 'https://dangky.example.vn'))).toEqual(['https://dangky.example.vn']);
    expect(portal.credentials(request('/api/review/officer/initiatives', 'https://dangky.example.vn'))).toBe(true);
    // `*` is never a credentialed origin, and an unlisted one gets nothing.
    expect(portal.credentials(request('/admin/access-token', 'https://evil.example'))).toBe(false);
  });
});
