/**
 * Users for tests: admin-panel users with a role (Strapi admin JWT), and
 * users-permissions API users with a role (content API JWT), each with an
 * authenticated supertest wrapper.
 */
import crypto from 'crypto';

import type { Core } from '@strapi/strapi';
import type supertest from 'supertest';

import type { TestApp } from './strapi';

type Id = number;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A supertest request factory that sends the bearer token on every call. */
export type AuthedClient = {
  token: string;
  request: (method: Method, url: string) => supertest.Test;
  get: (url: string) => supertest.Test;
  post: (url: string) => supertest.Test;
  put: (url: string) => supertest.Test;
  delete: (url: string) => supertest.Test;
};

export const authedClient = (app: TestApp, token: string): AuthedClient => {
  const request = (method: Method, url: string) => app.http()[method](url).set('Authorization', `Bearer ${token}`);
  return {
    token,
    request,
    get: (url) => request('get', url),
    post: (url) => request('post', url),
    put: (url) => request('put', url),
    delete: (url) => request('delete', url),
  };
};

const randomEmail = (prefix: string) => `${prefix}.${crypto.randomBytes(4).toString('hex')}@test.local`;

export const TEST_PASSWORD = 'Test@12345';

type AdminRole = { id: Id; code: string; name: string };

/** Finds an admin role by code (e.g. `strapi-super-admin`, `strapi-editor`) or name. */
export async function findAdminRole(strapi: Core.Strapi, codeOrName: string): Promise<AdminRole> {
  const role = (await strapi.db.query('admin::role').findOne({
    where: { $or: [{ code: codeOrName }, { name: codeOrName }] },
  })) as AdminRole | null;
  if (!role) throw new Error(`No admin role "${codeOrName}"`);
  return role;
}

export type AdminUser = { id: Id; email: string; client: AuthedClient };

/** Creates an active admin user with the given roles and logs in through POST /admin/login. */
export async function createAdminUser(
  app: TestApp,
  { roles = ['strapi-super-admin'], email = randomEmail('admin'), firstname = 'Cán bộ', lastname = 'Kiểm thử' }: {
    roles?: string[];
    email?: string;
    firstname?: string;
    lastname?: string;
  } = {}
): Promise<AdminUser> {
  const roleIds = await Promise.all(roles.map(async (role) => (await findAdminRole(app.strapi, role)).id));
  const user = (await app.strapi.service('admin::user').create({
    email,
    firstname,
    lastname,
    password: TEST_PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: roleIds,
  })) as { id: Id };
  const res = await app.http().post('/admin/login').send({ email, password: TEST_PASSWORD });
  if (res.status !== 200) throw new Error(`Admin login failed (${res.status}): ${JSON.stringify(res.body)}`);
  return { id: user.id, email, client: authedClient(app, res.body.data.token as string) };
}

type UpRole = { id: Id; type: string; name: string };

/** Finds a users-permissions role by type (`authenticated`, `public`, or one we created). */
export async function findApiRole(strapi: Core.Strapi, type: string): Promise<UpRole> {
  const role = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } })) as UpRole | null;
  if (!role) throw new Error(`No users-permissions role "${type}"`);
  return role;
}

/** Creates a users-permissions role granted exactly the given actions (e.g. `api::tag.tag.find`). */
export async function createApiRole(strapi: Core.Strapi, type: string, actions: string[]): Promise<UpRole> {
  const role = (await strapi.db.query('plugin::users-permissions.role').create({
    data: { name: type, type, description: `Test role ${type}` },
  })) as UpRole;
  await grantApiActions(strapi, role.id, actions);
  return role;
}

export async function grantApiActions(strapi: Core.Strapi, roleId: Id, actions: string[]): Promise<void> {
  for (const action of actions) {
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: roleId } });
  }
}

export type ApiUser = { id: Id; email: string; client: AuthedClient };

/** Creates a confirmed users-permissions user with a role and issues its JWT. */
export async function createApiUser(
  app: TestApp,
  { role = 'authenticated', email = randomEmail('user'), data = {} }: { role?: string; email?: string; data?: Record<string, unknown> } = {}
): Promise<ApiUser> {
  const roleRow = await findApiRole(app.strapi, role);
  const user = (await app.strapi.plugin('users-permissions').service('user').add({
    username: email,
    email,
    password: TEST_PASSWORD,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: roleRow.id,
    ...data,
  })) as { id: Id };
  // jwt.issue returns a promise in 'refresh' mode and a string otherwise.
  const token = (await app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id })) as string;
  return { id: user.id, email, client: authedClient(app, token) };
}
