import "server-only";
import { cache } from "react";
import { caller } from "@/server/api/rsc";

// One lookup per request, shared by the page, its metadata and (separately) the OG image.
// Unknown, unpublished and malformed slugs are all null (→ 404).
export const loadPublicPortfolio = cache(async (slug: string) => {
  try {
    return await caller.portfolio.public.get({ slug });
  } catch {
    return null;
  }
});
