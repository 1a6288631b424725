import type { Metadata } from "next";
import { safeCallbackPath } from "@/app/_lib/callback";
import { SignInForm } from "../_components/sign-in-form";
import { signInErrorMessage } from "../_components/auth-messages";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const callbackUrl = safeCallbackPath(one(sp.callbackUrl)) ?? "/dashboard";
  // Auth.js sends failed non-JS sign-ins back here with ?error=…&code=….
  const error = one(sp.error);
  const initialError = error ? signInErrorMessage({ code: one(sp.code) ?? null }) : null;
  const notice = one(sp.created) ? "Your account was created. Sign in to continue." : null;
  return <SignInForm callbackUrl={callbackUrl} initialError={initialError} notice={notice} />;
}
