// npm install runs this (package.json "postinstall"): small, idempotent fixes to installed
// dependencies until upstream releases them. Plain Node (no tsx): it runs right after install.
//
// postgres 3.4.9: nextWrite() runs from a setImmediate and throws an uncatchable TypeError
// ("Cannot read properties of null (reading 'write')") when the connection closed in between
// — e.g. a PostgreSQL restart during a transaction — taking the whole process down
// (porsager/postgres#1154, #1208; fix proposed in #1209). Guard it the way #1209 does: drop
// the buffered bytes and reject what was sent with CONNECTION_CLOSED, which callers can catch.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MARK = "lodestar: guard nextWrite";
const FROM = "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)";
const TO = `  function nextWrite(fn) {
    if (socket === null) { // ${MARK} (porsager/postgres#1208)
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options, socket))
      return false
    }
    const x = socket.write(chunk, fn)`;

const pkg = path.join(root, "node_modules/postgres/package.json");
if (fs.existsSync(pkg)) {
  const version = JSON.parse(fs.readFileSync(pkg, "utf8")).version;
  for (const rel of ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"]) {
    const file = path.join(root, "node_modules/postgres", rel);
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, "utf8");
    if (text.includes(MARK)) continue;
    if (!text.includes(FROM)) {
      console.warn(`[postinstall] postgres ${version} ${rel}: nextWrite changed upstream; guard not applied (check porsager/postgres#1208)`);
      continue;
    }
    fs.writeFileSync(file, text.replace(FROM, TO));
    console.log(`[postinstall] postgres ${version} ${rel}: guarded nextWrite against a closed socket`);
  }
}
