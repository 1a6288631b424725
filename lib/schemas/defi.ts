import { z } from "zod";

export const chainIdSchema = z.number().int().positive();
export const balancesInput = z.object({ chainId: chainIdSchema });
