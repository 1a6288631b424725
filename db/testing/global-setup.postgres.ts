// int-postgres globalSetup: a template database migrated with the production runner; each
// test file creates its own database from it (CREATE DATABASE … TEMPLATE, db/testing/database.ts).
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { runMigrations } from "../migrate";
import { TEST_DB_KEY, withDatabase } from "./config";

export const TEMPLATE_DB = "lodestar_test_template";

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("int-postgres needs TEST_DATABASE_URL");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  await runMigrations(withDatabase(adminUrl, TEMPLATE_DB), path.resolve(project.config.root, "db/migrations"));
  project.provide(TEST_DB_KEY, { kind: "postgres", adminUrl, template: TEMPLATE_DB });

  return async () => {
    const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
}
