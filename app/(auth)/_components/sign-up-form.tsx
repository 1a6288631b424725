"use client";
import { useMutation } from "@tanstack/react-query";
import { AlertCircleIcon } from "lucide-react";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, fieldErrors, httpStatusOf } from "@/components/feedback/errors";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { signUpInput } from "@/lib/schemas/user";
import { useTRPC } from "@/lib/trpc/client";
import { RATE_LIMITED_MESSAGE } from "./auth-messages";

type Fields = { name?: string; email?: string; password?: string };

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.user.signUp.mutationOptions());
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<"idle" | "creating" | "signing-in">("idle");

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const form = new FormData(e.currentTarget);
    const parsed = signUpInput.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      const fe = parsed.error.flatten().fieldErrors;
      setFields({ name: fe.name?.[0], email: fe.email?.[0], password: fe.password?.[0] });
      return;
    }
    setFields({});
    setStage("creating");
    try {
      await signUp.mutateAsync(parsed.data);
    } catch (err) {
      const fe = fieldErrors(err);
      setFields({ name: fe.name, email: fe.email, password: fe.password });
      // Field problems are shown by their fields; anything else (email taken, weak password) here.
      if (!fe.name && !fe.email && !fe.password) setError(httpStatusOf(err) === 429 ? RATE_LIMITED_MESSAGE : errorMessage(err));
      setStage("idle");
      return;
    }
    setStage("signing-in");
    try {
      const res = await signIn("password", { email: parsed.data.email, password: parsed.data.password, redirect: false });
      if (!res || res.error || !res.ok) throw new Error("sign-in failed");
      router.push("/dashboard");
      router.refresh();
    } catch {
      // The account exists; only the automatic sign-in failed.
      router.push("/sign-in?created=1");
    }
  }

  const busy = stage !== "idle";
  return (
    <div className="grid gap-6">
      <div className="grid gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">Create your account</h1>
        <p className="text-sm text-muted-foreground">Start tracking and trading from your own wallets in a minute.</p>
      </div>

      {error ? (
        <Alert variant="destructive" data-testid="sign-up-error">
          <AlertCircleIcon />
          <AlertDescription className="text-foreground">{error}</AlertDescription>
        </Alert>
      ) : null}

      <form className="grid gap-4" onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field id="name" label="Name" error={fields.name}>
          <Input {...fieldAria("name", fields.name)} name="name" autoComplete="name" placeholder="Ada Lovelace" required />
        </Field>
        <Field id="email" label="Email" error={fields.email}>
          <Input {...fieldAria("email", fields.email)} name="email" type="email" autoComplete="email" inputMode="email" placeholder="you@example.com" required />
        </Field>
        <Field id="password" label="Password" error={fields.password} hint="At least 10 characters. Avoid common or reused passwords.">
          <Input {...fieldAria("password", fields.password, true)} name="password" type="password" autoComplete="new-password" required />
        </Field>
        <Button type="submit" size="lg" className="mt-1 w-full text-sm" disabled={busy}>
          {busy ? <Spinner /> : null}
          {stage === "signing-in" ? "Signing you in…" : "Create account"}
        </Button>
      </form>

      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
