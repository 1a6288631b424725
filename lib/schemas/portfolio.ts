import { z } from "zod";

export const costBasisMethodSchema = z.enum(["fifo", "lifo", "hifo", "average"]);

export const portfolioNameSchema = z.string().trim().min(1, "Enter a name.").max(64, "Use at most 64 characters.");

export const createPortfolioInput = z.object({
  name: portfolioNameSchema,
  costBasisMethod: costBasisMethodSchema.default("fifo"),
});

export const portfolioIdInput = z.object({ id: z.uuid("Unknown portfolio.") });

export const renamePortfolioInput = z.object({ id: z.uuid("Unknown portfolio."), name: portfolioNameSchema });
