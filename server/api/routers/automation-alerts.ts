// automation.alerts, automation.notifications, automation.webhooks: thin adapters over
// server/services/{alerts,notifications,webhooks}.ts. Every procedure is the caller's own data.
import {
  alertIdInput,
  createAlertInput,
  createWebhookInput,
  listNotificationsInput,
  markNotificationsReadInput,
  setAlertPausedInput,
  webhookDeliveriesInput,
  webhookIdInput,
} from "@/lib/schemas/notifications";
import * as alerts from "@/server/services/alerts";
import * as notifications from "@/server/services/notifications";
import * as webhooks from "@/server/services/webhooks";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const alertsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => alerts.listAlerts(ctx.db, ctx.userId)),
  create: protectedProcedure.input(createAlertInput).mutation(({ ctx, input }) => alerts.createAlert(ctx.db, ctx.userId, input)),
  setPaused: protectedProcedure.input(setAlertPausedInput).mutation(({ ctx, input }) => alerts.setAlertPaused(ctx.db, ctx.userId, input)),
  delete: protectedProcedure.input(alertIdInput).mutation(({ ctx, input }) => alerts.deleteAlert(ctx.db, ctx.userId, input.id)),
});

export const notificationsRouter = createTRPCRouter({
  list: protectedProcedure.input(listNotificationsInput).query(({ ctx, input }) => notifications.listNotifications(ctx.db, ctx.userId, input)),
  unreadCount: protectedProcedure.query(({ ctx }) => notifications.unreadCount(ctx.db, ctx.userId)),
  markRead: protectedProcedure
    .input(markNotificationsReadInput)
    .mutation(({ ctx, input }) => notifications.markRead(ctx.db, ctx.userId, input, { now: ctx.now() })),
  markAllRead: protectedProcedure.mutation(({ ctx }) => notifications.markAllRead(ctx.db, ctx.userId, { now: ctx.now() })),
});

export const webhooksRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => webhooks.listWebhooks(ctx.db, ctx.userId)),
  // Returns the secret: the only time it leaves the server.
  create: protectedProcedure.input(createWebhookInput).mutation(({ ctx, input }) => webhooks.createWebhook(ctx.db, ctx.userId, input)),
  delete: protectedProcedure.input(webhookIdInput).mutation(({ ctx, input }) => webhooks.deleteWebhook(ctx.db, ctx.userId, input.id)),
  sendTest: protectedProcedure
    .input(webhookIdInput)
    .mutation(({ ctx, input }) => webhooks.sendTestWebhook(ctx.db, ctx.userId, input.id, { now: ctx.now() })),
  deliveries: protectedProcedure.input(webhookDeliveriesInput).query(({ ctx, input }) => webhooks.listDeliveries(ctx.db, ctx.userId, input)),
});
