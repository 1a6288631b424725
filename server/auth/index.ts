// Auth.js v5: email + password and Sign-In with Ethereum, both as Credentials providers
// (so sessions are JWTs in an httpOnly cookie, __Secure- prefixed over https).
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { signInInput, siweProofInput } from "@/lib/schemas/user";
import { DomainError } from "@/server/errors";
import { logger } from "@/server/logger";
import { requestMetaFromHeaders } from "@/server/services/context";
import { audit } from "@/server/services/security";
import { signInWithEthereum, verifyPasswordSignIn } from "@/server/services/user";

// Carries a stable, non-secret code to the client (signIn() returns it as `code`).
class SignInFailure extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const AUTH_FAILURE_CODES = {
  "auth.INVALID_CREDENTIALS": "invalid_credentials",
  "security.RATE_LIMITED": "rate_limited",
  "auth.SIWE_INVALID": "siwe_invalid",
  "auth.SIWE_BAD_SIGNATURE": "siwe_bad_signature",
  "auth.SIWE_NONCE_USED": "siwe_nonce_used",
} as const;

function toFailure(err: unknown): SignInFailure {
  if (err instanceof DomainError) {
    const code = (AUTH_FAILURE_CODES as Record<string, string>)[err.code] ?? "sign_in_failed";
    return new SignInFailure(code);
  }
  logger.error({ err }, "sign-in failed unexpectedly");
  return new SignInFailure("sign_in_failed");
}

function metaOf(request: Request) {
  return requestMetaFromHeaders(request.headers, request.headers.get("x-request-id") ?? crypto.randomUUID(), request.url);
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  }),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
  trustHost: true,
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    error: (error) => {
      // CredentialsSignin is an expected outcome (wrong password), not a server error.
      // Match on `type`: class names are minified in the production build.
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      logger.error({ err: error }, "auth error");
    },
    warn: (code) => logger.warn({ code }, "auth warning"),
    debug: () => {},
  },
  providers: [
    Credentials({
      id: "password",
      name: "Email and password",
      credentials: { email: {}, password: {} },
      authorize: async (raw, request) => {
        const parsed = signInInput.safeParse(raw);
        if (!parsed.success) throw new SignInFailure("invalid_credentials");
        try {
          const user = await verifyPasswordSignIn(db, parsed.data, metaOf(request), new Date());
          return { id: user.id, name: user.name, email: user.email };
        } catch (err) {
          throw toFailure(err);
        }
      },
    }),
    Credentials({
      id: "siwe",
      name: "Ethereum wallet",
      credentials: { message: {}, signature: {} },
      authorize: async (raw, request) => {
        const parsed = siweProofInput.safeParse(raw);
        if (!parsed.success) throw new SignInFailure("siwe_invalid");
        try {
          const user = await signInWithEthereum(db, parsed.data, metaOf(request), new Date());
          return { id: user.id, name: user.name, email: user.email };
        } catch (err) {
          throw toFailure(err);
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const userId = "token" in message ? (message.token?.sub ?? null) : null;
      await audit(db, null, { userId, action: "auth.signOut", outcome: "success" });
    },
  },
});
