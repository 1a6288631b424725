// Test helper: reads a sample file from ./fixtures (tests only; the core never touches disk).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

export const readFixture = (name: string): string => readFileSync(path.join(dir, name), "utf8");
