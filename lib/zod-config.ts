// zod 4 probes for eval support with `new Function("")` when it first builds a schema. Our
// CSP forbids eval, so the probe is reported as a violation on every page that validates a
// form. jitless mode skips the probe (and the JIT); validation is otherwise identical.
import { z } from "zod";

z.config({ jitless: true });
