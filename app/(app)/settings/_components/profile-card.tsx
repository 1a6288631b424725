"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, fieldErrors } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import { updateProfileInput } from "@/lib/schemas/user";
import { useTRPC } from "@/lib/trpc/client";

export function ProfileCard() {
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Profile {me.data?.isDemo ? <Badge variant="warning">Demo</Badge> : null}
        </CardTitle>
        <CardDescription>How you appear in Lodestar.</CardDescription>
      </CardHeader>
      {me.data ? (
        // Keyed by the saved name: a new saved value resets the form.
        <ProfileForm key={me.data.name ?? ""} savedName={me.data.name ?? ""}>
          <dl className="grid gap-3 text-sm">
            <div className="grid gap-1">
              <dt className="text-xs font-medium text-muted-foreground">Email</dt>
              <dd className="truncate">{me.data.email ?? "No email — you sign in with a wallet"}</dd>
            </div>
            <div className="grid grid-cols-2 gap-3">
              <div className="grid gap-1">
                <dt className="text-xs font-medium text-muted-foreground">Password sign-in</dt>
                <dd>{me.data.hasPassword ? "Enabled" : "Not set"}</dd>
              </div>
              <div className="grid gap-1">
                <dt className="text-xs font-medium text-muted-foreground">Member since</dt>
                <dd>
                  <Time date={me.data.createdAt} dateOnly />
                </dd>
              </div>
            </div>
          </dl>
        </ProfileForm>
      ) : me.isError ? (
        <CardContent>
          <p className="text-sm text-negative">{errorMessage(me.error)}</p>
        </CardContent>
      ) : (
        <CardContent className="grid gap-3">
          <Skeleton className="h-4 w-16" />
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-4 w-40" />
        </CardContent>
      )}
    </Card>
  );
}

function ProfileForm({ savedName, children }: { savedName: string; children: React.ReactNode }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [name, setName] = useState(savedName);
  const [error, setError] = useState<string | undefined>();

  const update = useMutation(
    trpc.user.updateProfile.mutationOptions({
      onSuccess: async () => {
        toast.success("Profile updated");
        await qc.invalidateQueries(trpc.user.me.queryFilter());
      },
      onError: (err) => {
        const fe = fieldErrors(err);
        setError(fe.name);
        if (!fe.name) toast.error("Could not update your profile", { description: errorMessage(err) });
      },
    }),
  );

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = updateProfileInput.safeParse({ name });
    if (!parsed.success) {
      setError(parsed.error.flatten().fieldErrors.name?.[0]);
      return;
    }
    setError(undefined);
    update.mutate(parsed.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <CardContent className="grid gap-4">
        <Field id="profile-name" label="Name" error={error}>
          <Input {...fieldAria("profile-name", error)} name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        </Field>
        {children}
      </CardContent>
      <CardFooter className="justify-end">
        <Button type="submit" size="sm" disabled={name.trim() === savedName || update.isPending}>
          {update.isPending ? <Spinner /> : null}
          Save profile
        </Button>
      </CardFooter>
    </form>
  );
}
