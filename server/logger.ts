import pino from "pino";

// Structured JSON logs. Anything that could carry a secret is redacted by path, and
// callers never pass passwords, signatures or tokens in the first place.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "lodestar" },
  redact: {
    paths: [
      "password",
      "*.password",
      "*.*.password",
      "passwordHash",
      "*.passwordHash",
      "signature",
      "*.signature",
      "headers.cookie",
      "*.headers.cookie",
      "authorization",
      "*.authorization",
      "AUTH_SECRET",
    ],
    censor: "[redacted]",
  },
  timestamp: pino.stdTimeFunctions.isoTime,
});
export type Logger = typeof logger;
