import { z } from "zod";
import { displayNameSchema } from "./user";

export const updateTraderProfileInput = z.object({
  displayName: displayNameSchema,
  bio: z.string().trim().max(280, "Use at most 280 characters.").default(""),
  isPublic: z.boolean(),
});
