"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
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
  const qc = useQueryClient();
  const me = useQuery(trpc.user.me.queryOptions());
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (me.data) setName(me.data.name ?? "");
  }, [me.data]);

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

  const dirty = me.data ? name.trim() !== (me.data.name ?? "") : false;

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Profile {me.data?.isDemo ? <Badge variant="warning">Demo</Badge> : null}
        </CardTitle>
        <CardDescription>How you appear in Lodestar.</CardDescription>
      </CardHeader>
      <form onSubmit={onSubmit} noValidate>
        <CardContent className="grid gap-4">
          {me.isPending ? (
            <div className="grid gap-2">
              <Skeleton className="h-4 w-16" />
              <Skeleton className="h-10 w-full" />
            </div>
          ) : (
            <Field id="profile-name" label="Name" error={error}>
              <Input {...fieldAria("profile-name", error)} name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
            </Field>
          )}
          <dl className="grid gap-3 text-sm">
            <div className="grid gap-1">
              <dt className="text-xs font-medium text-muted-foreground">Email</dt>
              <dd className="truncate">{me.isPending ? <Skeleton className="h-4 w-40" /> : (me.data?.email ?? "No email — you sign in with a wallet")}</dd>
            </div>
            <div className="grid grid-cols-2 gap-3">
              <div className="grid gap-1">
                <dt className="text-xs font-medium text-muted-foreground">Password sign-in</dt>
                <dd>{me.data ? (me.data.hasPassword ? "Enabled" : "Not set") : <Skeleton className="h-4 w-16" />}</dd>
              </div>
              <div className="grid gap-1">
                <dt className="text-xs font-medium text-muted-foreground">Member since</dt>
                <dd>{me.data ? <Time date={me.data.createdAt} dateOnly /> : <Skeleton className="h-4 w-24" />}</dd>
              </div>
            </div>
          </dl>
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" size="sm" disabled={!dirty || update.isPending}>
            {update.isPending ? <Spinner /> : null}
            Save profile
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
