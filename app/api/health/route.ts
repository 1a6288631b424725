import { db, dbKind } from "@/db";
import { checkHealth } from "@/server/services/health";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth(db, dbKind(), pkg.version);
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
