import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const costBasisMethod = pgEnum("cost_basis_method", ["fifo", "lifo", "hifo", "average"]);

export const portfolios = pgTable(
  "portfolios",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    costBasisMethod: costBasisMethod("cost_basis_method").notNull().default("fifo"),
    isPublic: boolean("is_public").notNull().default(false),
    // Public page at /p/<slug> when isPublic.
    slug: text("slug"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolios_user_idx").on(t.userId), uniqueIndex("portfolios_slug_uq").on(t.slug)],
);
