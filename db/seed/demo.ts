// Demo content for a fresh install, clearly labelled: the user is flagged is_demo and
// named "(demo)"; the UI shows a demo badge for it. Idempotent.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { portfolios, users } from "@/db/schema";

export const DEMO_USERS = [
  { email: "demo@lodestar.local", name: "Demo Trader (demo)", password: "lodestar-demo-2026" },
  { email: "demo2@lodestar.local", name: "Second Demo (demo)", password: "lodestar-demo-2026" },
] as const;

export async function seedDemo(db: Db, hashPassword: (p: string) => Promise<string>) {
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, u.email));
    if (existing[0]) continue;
    const [row] = await db
      .insert(users)
      .values({ email: u.email, name: u.name, passwordHash: await hashPassword(u.password), isDemo: true })
      .returning({ id: users.id });
    if (!row) continue;
    await db.insert(portfolios).values({ userId: row.id, name: "Demo portfolio", costBasisMethod: "fifo" });
    created.push(u.email);
  }
  return created;
}
