// Inputs of the automation router's management procedures (ids, run history, dead runs).
// Strategy configs and risk inputs are in lib/schemas/automation.ts.
import { z } from "zod";
import { automationKindSchema, automationNameSchema } from "./automation";

export const automationIdInput = z.object({ id: z.uuid("Unknown automation.") });
export const renameAutomationInput = z.object({ id: z.uuid("Unknown automation."), name: automationNameSchema });
export const listAutomationsInput = z.strictObject({ kind: z.array(automationKindSchema).max(5).optional() }).optional();
export const runsListInput = z.object({
  automationId: z.uuid("Unknown automation.").optional(),
  limit: z.number().int().min(1).max(200).default(50),
  before: z.coerce.date().optional(),
});
export const jobIdInput = z.object({ id: z.uuid("Unknown run.") });
/** Re-arming the circuit breaker is deliberate: the caller confirms it. */
export const resetBreakerInput = z.strictObject({ confirm: z.literal(true, { error: "Confirm the reset." }) });
