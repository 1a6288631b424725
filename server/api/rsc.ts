// Server-side tRPC for React Server Components: a caller and a query-options proxy that
// prefetches into a per-request QueryClient for hydration.
import "server-only";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { makeQueryClient } from "@/lib/trpc/query-client";
import { createRequestContext } from "./context";
import { appRouter, createCaller } from "./root";

const createContext = cache(async () => {
  const h = new Headers(await headers());
  h.set("x-trpc-source", "rsc");
  return createRequestContext({ headers: h });
});

export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({ ctx: createContext, router: appRouter, queryClient: getQueryClient });

export const caller = createCaller(createContext);
