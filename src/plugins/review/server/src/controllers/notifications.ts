/**
 * The inboxes and preferences: admin users (reviewers, leadership) through
 * the admin API, unit officers through the content API. Each person sees and
 * changes only their own notifications; the outbox's dead letters are for
 * admins with the permission to manage notifications.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { KINDS_FOR } from '../../../shared/notifications';
import { badRequest, notFound } from '../errors';
import { messages } from '../messages';
import type { Notifications, Person } from '../notifications/service';
import { idParam, inboxQuery, markReadBody, parse, preferencesBody } from '../validation';
import { respond } from './respond';

const notificationsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('review').service('notifications') as Notifications;
  const personOf = (ctx: Context, type: Person['type']): Person => ({ type, id: Number((ctx.state.user as { id: number }).id) });

  const handlers = (type: Person['type']) => ({
    async inbox(ctx: Context) {
      await respond(ctx, async () => {
        const query = parse(inboxQuery, ctx.query);
        return service().inbox(personOf(ctx, type), { page: query.page, pageSize: query.pageSize, unread: query.unread === 'true' });
      });
    },
    async unread(ctx: Context) {
      await respond(ctx, async () => ({ unread: await service().unreadCount(personOf(ctx, type)) }));
    },
    async markRead(ctx: Context) {
      await respond(ctx, async () => {
        const body = parse(markReadBody, ctx.request.body);
        return service().markRead(personOf(ctx, type), body.all ? 'all' : body.ids ?? []);
      });
    },
    async preferences(ctx: Context) {
      await respond(ctx, async () => service().preferences(personOf(ctx, type)));
    },
    async setPreferences(ctx: Context) {
      await respond(ctx, async () => {
        const body = parse(preferencesBody, ctx.request.body);
        const foreign = body.mutedKinds.filter((kind) => !KINDS_FOR[type].includes(kind));
        if (foreign.length > 0) throw badRequest(messages.notificationKindNotYours(foreign), { mutedKinds: foreign });
        return service().setPreferences(personOf(ctx, type), body);
      });
    },
  });

  const admin = handlers('admin');
  const officer = handlers('officer');
  return {
    adminInbox: admin.inbox,
    adminUnread: admin.unread,
    adminMarkRead: admin.markRead,
    adminPreferences: admin.preferences,
    adminSetPreferences: admin.setPreferences,
    inbox: officer.inbox,
    unread: officer.unread,
    markRead: officer.markRead,
    preferences: officer.preferences,
    setPreferences: officer.setPreferences,

    async deadLetters(ctx: Context) {
      await respond(ctx, async () => service().deadLetters());
    },
    async retryDeadLetter(ctx: Context) {
      await respond(ctx, async () => {
        const id = idParam(ctx.params.id, messages.deadLetterNotFound);
        if (!(await service().retryDeadLetter(id))) throw notFound(messages.deadLetterNotFound);
        return { id, status: 'pending' };
      });
    },
  };
};

export default notificationsController;
