// automation.vault: the non-custodial vault rail. Reads the user's vaults, registers one from
// its creation receipt, and builds the unsigned transactions the user's wallet signs (the
// server never holds a user's key). Mounted by server/api/routers/automation.ts.
import {
  buildCreateVaultInput,
  buildSetPriceBoundInput,
  buildSetTokenLimitsInput,
  buildVaultDepositInput,
  buildVaultWithdrawInput,
  keeperTxsInput,
  registerVaultInput,
  vaultRefInput,
  vaultStateInput,
} from "@/lib/schemas/vault";
import * as vault from "@/server/services/vault";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const vaultRouter = createTRPCRouter({
  state: protectedProcedure.input(vaultStateInput).query(({ ctx, input }) => vault.getVaultState(ctx.db, ctx.userId, input)),
  buildCreate: protectedProcedure.input(buildCreateVaultInput).mutation(({ ctx, input }) => vault.buildCreateVault(ctx.db, ctx.userId, input)),
  register: protectedProcedure.input(registerVaultInput).mutation(({ ctx, input }) => vault.registerVault(ctx.db, ctx.userId, input)),
  buildDeposit: protectedProcedure.input(buildVaultDepositInput).mutation(({ ctx, input }) => vault.buildDeposit(ctx.db, ctx.userId, input)),
  buildWithdraw: protectedProcedure.input(buildVaultWithdrawInput).mutation(({ ctx, input }) => vault.buildWithdraw(ctx.db, ctx.userId, input)),
  buildSetLimits: protectedProcedure.input(buildSetTokenLimitsInput).mutation(({ ctx, input }) => vault.buildSetTokenLimits(ctx.db, ctx.userId, input)),
  buildSetPriceBound: protectedProcedure.input(buildSetPriceBoundInput).mutation(({ ctx, input }) => vault.buildSetPriceBound(ctx.db, ctx.userId, input)),
  buildSetKeeper: protectedProcedure.input(vaultRefInput).mutation(({ ctx, input }) => vault.buildSetKeeper(ctx.db, ctx.userId, input)),
  buildRevoke: protectedProcedure.input(vaultRefInput).mutation(({ ctx, input }) => vault.buildRevokeKeeper(ctx.db, ctx.userId, input)),
  keeperTxs: protectedProcedure.input(keeperTxsInput).query(({ ctx, input }) => vault.listKeeperTxs(ctx.db, ctx.userId, input)),
});
