"use client";
import { AlertCircleIcon, CheckCircle2Icon } from "lucide-react";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Separator } from "@/components/ui/separator";
import { Spinner } from "@/components/ui/spinner";
import { signInInput } from "@/lib/schemas/user";
import { GENERIC_SIGN_IN_ERROR, signInErrorMessage } from "./auth-messages";
import { SiweSignInButton } from "./siwe-button";

type Fields = { email?: string; password?: string };

export function SignInForm({
  callbackUrl,
  initialError,
  notice,
}: {
  callbackUrl: string;
  initialError: string | null;
  notice: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [fields, setFields] = useState<Fields>({});
  const [pending, setPending] = useState(false);
  const [walletBusy, setWalletBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const form = new FormData(e.currentTarget);
    const parsed = signInInput.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      const fe = parsed.error.flatten().fieldErrors;
      setFields({ email: fe.email?.[0], password: fe.password?.[0] });
      return;
    }
    setFields({});
    setPending(true);
    try {
      const res = await signIn("password", { ...parsed.data, redirect: false });
      if (!res || res.error || !res.ok) {
        setError(signInErrorMessage(res ?? {}));
        setPending(false);
        return;
      }
      // Stay pending while the dashboard loads.
      router.push(callbackUrl);
      router.refresh();
    } catch {
      setError(GENERIC_SIGN_IN_ERROR);
      setPending(false);
    }
  }

  return (
    <div className="grid gap-6">
      <div className="grid gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="text-sm text-muted-foreground">Welcome back. Sign in with your email or your wallet.</p>
      </div>

      {notice && !error ? (
        <Alert variant="success" role="status">
          <CheckCircle2Icon />
          <AlertDescription className="text-foreground">{notice}</AlertDescription>
        </Alert>
      ) : null}

      {error ? (
        <Alert variant="destructive" data-testid="sign-in-error">
          <AlertCircleIcon />
          <AlertDescription className="text-foreground">{error}</AlertDescription>
        </Alert>
      ) : null}

      <form className="grid gap-4" onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field id="email" label="Email" error={fields.email}>
          <Input {...fieldAria("email", fields.email)} name="email" type="email" autoComplete="email" inputMode="email" placeholder="you@example.com" required />
        </Field>
        <Field id="password" label="Password" error={fields.password}>
          <Input {...fieldAria("password", fields.password)} name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" size="lg" className="mt-1 w-full text-sm" disabled={pending || walletBusy}>
          {pending ? <Spinner /> : null}
          Sign in
        </Button>
      </form>

      <div className="flex items-center gap-3 text-xs text-muted-foreground">
        <Separator className="flex-1" />
        or
        <Separator className="flex-1" />
      </div>

      <SiweSignInButton callbackUrl={callbackUrl} disabled={pending} onError={setError} onBusyChange={setWalletBusy} />

      <p className="text-center text-sm text-muted-foreground">
        New to Lodestar?{" "}
        <Link href="/sign-up" className="font-medium text-primary underline-offset-4 hover:underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
