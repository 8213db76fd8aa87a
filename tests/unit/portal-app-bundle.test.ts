/**
 * The officers' registration app (public/dang-ky, built by the test set-up
 * from src/portal-app): its initial JavaScript stays under the 150 kB
 * gzipped budget, it loads nothing from another host, and it is the
 * production build.
 */
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';

import { APP_DIR } from '../helpers/strapi';

const OUT = path.join(APP_DIR, 'public', 'dang-ky');
const BUDGET = 150 * 1024;

describe('registration app bundle', () => {
  const html = fs.readFileSync(path.join(OUT, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((match) => match[1]);
  const fileOf = (url: string) => path.join(OUT, url.replace(/^\/dang-ky\//, ''));

  it('loads its initial JavaScript from /dang-ky/ only, under 150 kB gzipped', () => {
    expect(scripts.length).toBeGreaterThan(0);
    for (const url of [...scripts, ...preloads]) expect(url.startsWith('/dang-ky/assets/')).toBe(true);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const gzipped = [...scripts, ...preloads].reduce((sum, url) => sum + zlib.gzipSync(fs.readFileSync(fileOf(url)), { level: 9 }).length, 0);
    expect(gzipped).toBeLessThan(BUDGET);
  });

  it('is the production build of React', () => {
    const code = scripts.map((url) => fs.readFileSync(fileOf(url), 'utf8')).join('\n');
    expect(code).not.toContain('react-dom.development');
    expect(code).not.toContain('Warning: ');
  });
});
