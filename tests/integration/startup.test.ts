import { spawn } from 'child_process';
import path from 'path';

import { APP_DIR } from '../helpers/strapi';

type Run = { code: number | null; stdout: string; stderr: string };

/** Starts `npm start`'s entry point with the given environment and waits for it to exit. */
const runServe = (env: Record<string, string>): Promise<Run> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(APP_DIR, 'scripts', 'serve.js')], {
      cwd: APP_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ENV_PATH: path.join(APP_DIR, '.tmp', 'test', 'no.env'),
        APP_KEYS: 'a,b',
        ADMIN_JWT_SECRET: 'x',
        API_TOKEN_SALT: 'x',
        TRANSFER_TOKEN_SALT: 'x',
        JWT_SECRET: 'x',
        ENCRYPTION_KEY: 'x',
        STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
        PORT: '0',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

const errorLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

describe('start-up with a broken database configuration', () => {
  it('rejects a malformed DATABASE_URL with one clear line and exit code 1', async () => {
    const run = await runServe({ DATABASE_CLIENT: 'postgres', DATABASE_URL: 'postgres//missing-colon' });
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([expect.stringContaining('DATABASE_URL is not a valid URL')]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('rejects a DATABASE_URL of another scheme', async () => {
    const run = await runServe({ DATABASE_CLIENT: 'postgres', DATABASE_URL: 'mysql://root@127.0.0.1/x' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('must start with postgres://');
  });

  it('reports an unreachable PostgreSQL server as a connection failure, without a stack trace', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const run = await runServe({ DATABASE_CLIENT: 'postgres', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/danvan' });
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([
      expect.stringContaining('Cannot connect to PostgreSQL at 127.0.0.1:1 (database "danvan"): connection refused'),
    ]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses an unsupported DATABASE_CLIENT', async () => {
    const run = await runServe({ DATABASE_CLIENT: 'oracle' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_CLIENT="oracle" is not supported');
  });
});
