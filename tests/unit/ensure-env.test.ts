import fs from 'fs';
import os from 'os';
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureEnv } = require('../../scripts/ensure-env.js') as {
  ensureEnv: (options: { envPath: string; env: Record<string, string | undefined> }) => { created: string[] };
};

const SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY', 'COMMENT_TOKEN_SECRET'];

describe('ensure-env: secrets for a fresh checkout', () => {
  let dir: string;
  let envPath: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-env-'));
    envPath = path.join(dir, '.env');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates .env with every secret when none exists', () => {
    const { created } = ensureEnv({ envPath, env: {} });
    expect(created.sort()).toEqual([...SECRETS].sort());
    const text = fs.readFileSync(envPath, 'utf8');
    for (const key of SECRETS) expect(text).toMatch(new RegExp(`^${key}=\\S{16,}`, 'm'));
    expect(text).toMatch(/^APP_KEYS=[^,\s]+,[^,\s]+,[^,\s]+,[^,\s]+$/m);
  });

  it('never overwrites existing values and only adds the missing ones', () => {
    fs.writeFileSync(envPath, 'JWT_SECRET=keep-me\nPORT=1400');
    const { created } = ensureEnv({ envPath, env: {} });
    expect(created).not.toContain('JWT_SECRET');
    const text = fs.readFileSync(envPath, 'utf8');
    expect(text).toContain('JWT_SECRET=keep-me\nPORT=1400\n');
    expect(text.match(/^JWT_SECRET=/gm)).toHaveLength(1);
    expect(ensureEnv({ envPath, env: {} }).created).toEqual([]);
  });

  it('treats secrets set in the environment as present', () => {
    const env = Object.fromEntries(SECRETS.map((key) => [key, 'from-env']));
    expect(ensureEnv({ envPath, env }).created).toEqual([]);
    expect(fs.existsSync(envPath)).toBe(false);
  });

  it('refuses to generate secrets in production', () => {
    expect(() => ensureEnv({ envPath, env: { NODE_ENV: 'production' } })).toThrow(/Missing secrets in production/);
    expect(fs.existsSync(envPath)).toBe(false);
  });
});
