# syntax=docker/dockerfile:1
# Multi-stage image on Next's standalone output. Needs DATABASE_URL (PostgreSQL) and
# AUTH_SECRET at run time; migrations are applied at start (LODESTAR_MIGRATE_ON_START=1).
# Build:  docker build -t lodestar .
# Run:    docker compose up   (see docker-compose.yml)

FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Lifecycle scripts are not needed to build (anvil is a dev tool, not shipped).
RUN npm install --no-audit --no-fund --ignore-scripts

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone SKIP_ENV_VALIDATION=1
# NEXT_PUBLIC_* values are inlined into the browser bundle at build time.
ARG NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID=""
ENV NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID=${NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID}
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM node:20.20-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 \
    LODESTAR_MIGRATE_ON_START=1 AUTH_TRUST_HOST=true
RUN groupadd --system --gid 1001 lodestar && useradd --system --uid 1001 --gid lodestar lodestar
COPY --from=build --chown=lodestar:lodestar /app/.next/standalone ./
COPY --from=build --chown=lodestar:lodestar /app/.next/static ./.next/static
COPY --from=build --chown=lodestar:lodestar /app/public ./public
COPY --from=build --chown=lodestar:lodestar /app/data ./data
COPY --from=build --chown=lodestar:lodestar /app/db/migrations ./db/migrations
USER lodestar
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "server.js"]
