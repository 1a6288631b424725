// automation.*: strategies (rebalance, DCA, stops) on the paper or vault rail, their runs
// (the audit log), risk tools and circuit breakers; vault, paper, alerts, notifications and
// webhooks are sub-routers of their own files.
import { z } from "zod";
import { automationIdInput, jobIdInput, listAutomationsInput, renameAutomationInput, resetBreakerInput, runsListInput } from "@/lib/schemas/automation-manage";
import {
  createAutomationInput,
  dcaConfigSchema,
  positionSizeInput,
  rebalanceConfigSchema,
  riskAssessInput,
  stopLossConfigSchema,
  takeProfitConfigSchema,
  trailingStopConfigSchema,
  updateAutomationInput,
  automationNameSchema,
  railSchema,
  chainIdSchema,
  updateRiskSettingsInput,
} from "@/lib/schemas/automation";
import { createAutomation, previewAutomation, updateAutomation } from "@/server/services/automation/create";
import * as manage from "@/server/services/automation/manage";
import * as risk from "@/server/services/automation/risk";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { alertsRouter, notificationsRouter, webhooksRouter } from "./automation-alerts";
import { paperRouter } from "./automation-paper";
import { vaultRouter } from "./automation-vault";

const common = { name: automationNameSchema, rail: railSchema.default("paper"), chainId: chainIdSchema };
const dcaCreate = z.object({ ...common, config: dcaConfigSchema }).transform((v) => ({ kind: "dca" as const, ...v }));
const rebalanceCreate = z.object({ ...common, config: rebalanceConfigSchema }).transform((v) => ({ kind: "rebalance" as const, ...v }));
const stopCreate = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("stop_loss"), ...common, config: stopLossConfigSchema }),
  z.object({ kind: z.literal("trailing_stop"), ...common, config: trailingStopConfigSchema }),
  z.object({ kind: z.literal("take_profit"), ...common, config: takeProfitConfigSchema }),
]);
const rebalanceAnalyze = z.object({ rail: railSchema.default("paper"), chainId: chainIdSchema, config: rebalanceConfigSchema });

const STOP_KINDS = ["stop_loss", "trailing_stop", "take_profit"] as const;

export const automationRouter = createTRPCRouter({
  list: protectedProcedure.input(listAutomationsInput).query(({ ctx, input }) => manage.listAutomations(ctx.db, ctx.userId, { now: ctx.now(), kind: input?.kind })),
  get: protectedProcedure.input(automationIdInput).query(({ ctx, input }) => manage.getAutomation(ctx.db, ctx.userId, input.id, { now: ctx.now() })),
  create: protectedProcedure.input(createAutomationInput).mutation(({ ctx, input }) => createAutomation(ctx.db, ctx.userId, input, { now: ctx.now() })),
  update: protectedProcedure.input(updateAutomationInput).mutation(({ ctx, input }) => updateAutomation(ctx.db, ctx.userId, input, { now: ctx.now() })),
  rename: protectedProcedure.input(renameAutomationInput).mutation(({ ctx, input }) => manage.renameAutomation(ctx.db, ctx.userId, input)),
  preview: protectedProcedure.input(createAutomationInput).query(({ ctx, input }) => previewAutomation(ctx.db, ctx.userId, input, { now: ctx.now() })),
  pause: protectedProcedure.input(automationIdInput).mutation(({ ctx, input }) => manage.pauseAutomation(ctx.db, ctx.userId, input.id)),
  resume: protectedProcedure.input(automationIdInput).mutation(({ ctx, input }) => manage.resumeAutomation(ctx.db, ctx.userId, input.id, { now: ctx.now() })),
  delete: protectedProcedure.input(automationIdInput).mutation(({ ctx, input }) => manage.deleteAutomation(ctx.db, ctx.userId, input.id)),

  rebalance: createTRPCRouter({
    analyze: protectedProcedure
      .input(rebalanceAnalyze)
      .query(({ ctx, input }) => previewAutomation(ctx.db, ctx.userId, { kind: "rebalance", name: "analysis", ...input }, { now: ctx.now() })),
    plan: protectedProcedure
      .input(rebalanceAnalyze)
      .query(({ ctx, input }) => previewAutomation(ctx.db, ctx.userId, { kind: "rebalance", name: "plan", ...input }, { now: ctx.now() })),
    create: protectedProcedure.input(rebalanceCreate).mutation(({ ctx, input }) => createAutomation(ctx.db, ctx.userId, input, { now: ctx.now() })),
  }),
  dca: createTRPCRouter({
    create: protectedProcedure.input(dcaCreate).mutation(({ ctx, input }) => createAutomation(ctx.db, ctx.userId, input, { now: ctx.now() })),
    list: protectedProcedure.query(({ ctx }) => manage.listAutomations(ctx.db, ctx.userId, { now: ctx.now(), kind: ["dca"] })),
    pause: protectedProcedure.input(automationIdInput).mutation(({ ctx, input }) => manage.pauseAutomation(ctx.db, ctx.userId, input.id)),
    resume: protectedProcedure.input(automationIdInput).mutation(({ ctx, input }) => manage.resumeAutomation(ctx.db, ctx.userId, input.id, { now: ctx.now() })),
    delete: protectedProcedure.input(automationIdInput).mutation(({ ctx, input }) => manage.deleteAutomation(ctx.db, ctx.userId, input.id)),
  }),
  stops: createTRPCRouter({
    create: protectedProcedure.input(stopCreate).mutation(({ ctx, input }) => createAutomation(ctx.db, ctx.userId, input, { now: ctx.now() })),
    list: protectedProcedure.query(({ ctx }) => manage.listAutomations(ctx.db, ctx.userId, { now: ctx.now(), kind: [...STOP_KINDS] })),
    cancel: protectedProcedure.input(automationIdInput).mutation(({ ctx, input }) => manage.deleteAutomation(ctx.db, ctx.userId, input.id)),
  }),
  risk: createTRPCRouter({
    assess: protectedProcedure.input(riskAssessInput).query(({ ctx, input }) => risk.assessRailRisk(ctx.db, ctx.userId, input, { now: ctx.now() })),
  }),
  positionSize: protectedProcedure.input(positionSizeInput).query(({ ctx, input }) => risk.positionSize(ctx.db, ctx.userId, input, { now: ctx.now() })),
  breakers: createTRPCRouter({
    get: protectedProcedure.query(({ ctx }) => risk.getRiskState(ctx.db, ctx.userId)),
    update: protectedProcedure.input(updateRiskSettingsInput).mutation(({ ctx, input }) => risk.updateRiskSettings(ctx.db, ctx.userId, input)),
    reset: protectedProcedure.input(resetBreakerInput).mutation(({ ctx }) => risk.resetBreaker(ctx.db, ctx.userId, { now: ctx.now() })),
  }),
  runs: createTRPCRouter({
    list: protectedProcedure.input(runsListInput).query(({ ctx, input }) => manage.listRuns(ctx.db, ctx.userId, input)),
    dead: protectedProcedure.query(({ ctx }) => manage.listDeadRuns(ctx.db, ctx.userId)),
    retry: protectedProcedure.input(jobIdInput).mutation(({ ctx, input }) => manage.retryDeadRun(ctx.db, ctx.userId, input.id)),
  }),

  vault: vaultRouter,
  paper: paperRouter,
  alerts: alertsRouter,
  notifications: notificationsRouter,
  webhooks: webhooksRouter,
});
