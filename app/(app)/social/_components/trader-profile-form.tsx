"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, fieldErrors } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, fieldAria } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { Time } from "@/components/ui/time";
import { updateTraderProfileInput } from "@/lib/schemas/social";
import { useTRPC } from "@/lib/trpc/client";

type Errors = { displayName?: string; bio?: string };
const BIO_MAX = 280;

type Saved = { displayName: string; bio: string; isPublic: boolean };

export function TraderProfileForm() {
  const trpc = useTRPC();
  const profile = useQuery(trpc.social.profile.get.queryOptions());
  const me = useQuery(trpc.user.me.queryOptions());
  const ready = profile.isSuccess && (profile.data !== null || !me.isPending);
  // A first profile starts from the account name.
  const saved: Saved = profile.data
    ? { displayName: profile.data.displayName, bio: profile.data.bio ?? "", isPublic: profile.data.isPublic ?? false }
    : { displayName: me.data?.name ?? "", bio: "", isPublic: false };

  return (
    <Card className="h-fit" data-testid="trader-profile">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Trader profile
          {profile.data ? profile.data.isPublic ? <Badge variant="info">Public</Badge> : <Badge variant="outline">Private</Badge> : null}
        </CardTitle>
        <CardDescription>
          {profile.data ? (
            profile.data.updatedAt ? (
              <>
                Last saved <Time date={profile.data.updatedAt} />
              </>
            ) : (
              "Saved."
            )
          ) : (
            "You have not created a trader profile yet. It stays private until you make it public."
          )}
        </CardDescription>
      </CardHeader>
      {profile.isError ? (
        <CardContent>
          <p className="text-sm text-negative">{errorMessage(profile.error)}</p>
        </CardContent>
      ) : !ready ? (
        <CardContent className="grid gap-3">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-24 w-full" />
        </CardContent>
      ) : (
        // Keyed by the saved values: saving (or loading) new ones resets the form.
        <ProfileForm key={JSON.stringify(saved)} saved={saved} />
      )}
    </Card>
  );
}

function ProfileForm({ saved }: { saved: Saved }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [displayName, setDisplayName] = useState(saved.displayName);
  const [bio, setBio] = useState(saved.bio);
  const [isPublic, setIsPublic] = useState(saved.isPublic);
  const [errors, setErrors] = useState<Errors>({});

  const save = useMutation(
    trpc.social.profile.update.mutationOptions({
      onSuccess: async () => {
        toast.success("Trader profile saved");
        await qc.invalidateQueries(trpc.social.profile.get.queryFilter());
      },
      onError: (err) => {
        const fe = fieldErrors(err);
        setErrors({ displayName: fe.displayName, bio: fe.bio });
        if (!fe.displayName && !fe.bio) toast.error("Could not save your trader profile", { description: errorMessage(err) });
      },
    }),
  );

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = updateTraderProfileInput.safeParse({ displayName, bio, isPublic });
    if (!parsed.success) {
      const fe = parsed.error.flatten().fieldErrors;
      setErrors({ displayName: fe.displayName?.[0], bio: fe.bio?.[0] });
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <CardContent className="grid gap-4">
        <Field id="trader-display-name" label="Display name" error={errors.displayName}>
          <Input {...fieldAria("trader-display-name", errors.displayName)} value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={64} />
        </Field>
        <Field id="trader-bio" label="Bio" error={errors.bio} hint={`${bio.length}/${BIO_MAX} characters`}>
          <Textarea
            {...fieldAria("trader-bio", errors.bio, true)}
            value={bio}
            onChange={(e) => setBio(e.target.value)}
            maxLength={BIO_MAX}
            rows={4}
            placeholder="What you trade and how — e.g. long-term ETH, monthly DCA, rebalance quarterly."
          />
        </Field>
        <div className="flex items-center justify-between gap-4 rounded-lg border p-3">
          <div className="grid gap-1">
            <Label htmlFor="trader-public">Public profile</Label>
            <p className="text-xs text-muted-foreground">Let other Lodestar users find and follow you.</p>
          </div>
          <Switch id="trader-public" checked={isPublic} onCheckedChange={setIsPublic} />
        </div>
      </CardContent>
      <CardFooter className="justify-end">
        <Button type="submit" size="sm" disabled={save.isPending}>
          {save.isPending ? <Spinner /> : null}
          Save trader profile
        </Button>
      </CardFooter>
    </form>
  );
}
