"use client";
// The trader profile form (/social/profile): name, avatar, bio, publishing, trade delay and the
// books whose verified trades make up the record.
// Test ids: `trader-profile` (data-public), `profile-display-name`, `profile-avatar-input`,
// `profile-avatar-remove`, `profile-avatar-error`, `profile-bio`, `profile-public`,
// `profile-delay`, `profile-source-paper`, `profile-source-vaults`,
// `profile-source-portfolio` (data-portfolio-id), `profile-save`, `profile-public-link`;
// field errors `profile-<field>-error`.
import { useQuery } from "@tanstack/react-query";
import { ExternalLinkIcon, ImageUpIcon, TrashIcon } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { errorMessage, fieldErrors } from "@/components/feedback/errors";
import { NativeSelect } from "@/components/portfolio/native-select";
import { formatDelayMinutes } from "@/components/social/social-format";
import { TraderAvatar } from "@/components/social/trader-bits";
import { useOwnPortfolios, useProfile, useUpdateProfile } from "@/components/social/use-social";
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
import { AVATAR_MAX_BYTES, TRADE_DELAY_CHOICES_MIN, updateTraderProfileInput, type ProfileDto } from "@/lib/schemas/social";
import { useTRPC } from "@/lib/trpc/client";

const BIO_MAX = 280;
const AVATAR_TYPES = ["image/png", "image/jpeg", "image/webp"];

type Saved = NonNullable<ProfileDto>;
type Errors = Record<string, string | undefined>;

export function TraderProfileForm() {
  const trpc = useTRPC();
  const profile = useProfile();
  const me = useQuery(trpc.user.me.queryOptions());
  const ready = profile.isSuccess && me.isSuccess;
  // A first profile starts from the account name, private, counting the paper account and vaults.
  const saved: Saved | null = profile.data ?? null;
  const initial: Saved = saved ?? {
    displayName: me.data?.name ?? "",
    bio: "",
    isPublic: false,
    avatar: null,
    tradeDelayMinutes: 0,
    sources: { paper: true, vaults: true, portfolioIds: [] },
    publishedAt: null,
  };

  return (
    <Card className="h-fit" data-testid="trader-profile" data-public={saved?.isPublic ?? false}>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Trader profile
          {saved ? saved.isPublic ? <Badge variant="info">Public</Badge> : <Badge variant="outline">Private</Badge> : null}
        </CardTitle>
        <CardDescription>
          {saved?.isPublic && saved.publishedAt ? (
            <>
              Published <Time date={new Date(saved.publishedAt)} />. Your statistics come only from verified trades in the books you choose below.
            </>
          ) : saved ? (
            "Private: only you can see it. Publish it to appear on the leaderboard once your record is long enough."
          ) : (
            "You have not created a trader profile yet. It stays private until you publish it."
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
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-24 w-full" />
        </CardContent>
      ) : (
        // Keyed by the saved values: saving (or loading) new ones resets the form.
        <ProfileForm key={JSON.stringify(initial)} initial={initial} userId={me.data.id} published={saved?.isPublic ?? false} />
      )}
    </Card>
  );
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error("Could not read the file."));
    r.readAsDataURL(file);
  });
}

function ProfileForm({ initial, userId, published }: { initial: Saved; userId: string; published: boolean }) {
  const [displayName, setDisplayName] = useState(initial.displayName);
  const [bio, setBio] = useState(initial.bio);
  const [isPublic, setIsPublic] = useState(initial.isPublic);
  const [avatar, setAvatar] = useState<string | null>(initial.avatar);
  const [delay, setDelay] = useState(initial.tradeDelayMinutes);
  const [sources, setSources] = useState(initial.sources);
  const [errors, setErrors] = useState<Errors>({});
  const fileRef = useRef<HTMLInputElement>(null);
  const portfolios = useOwnPortfolios();

  const save = useUpdateProfile({
    onSuccess: (p) => toast.success(p?.isPublic ? "Profile published" : "Trader profile saved", { description: p?.isPublic ? "Other Lodestar users can now find and follow you." : undefined }),
    onError: (err) => {
      const fe = fieldErrors(err);
      setErrors(fe);
      if (!Object.values(fe).some(Boolean)) toast.error("Could not save your trader profile", { description: errorMessage(err) });
    },
  });

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    if (!AVATAR_TYPES.includes(file.type)) return setErrors((x) => ({ ...x, avatar: "Use a PNG, JPEG or WebP image." }));
    if (file.size > AVATAR_MAX_BYTES) return setErrors((x) => ({ ...x, avatar: `Use an image of at most ${AVATAR_MAX_BYTES / 1024} KB (this one is ${Math.ceil(file.size / 1024)} KB).` }));
    try {
      setAvatar(await readAsDataUrl(file));
      setErrors((x) => ({ ...x, avatar: undefined }));
    } catch (err) {
      setErrors((x) => ({ ...x, avatar: errorMessage(err) }));
    }
  }

  function togglePortfolio(id: string, on: boolean) {
    setSources((s) => ({ ...s, portfolioIds: on ? [...s.portfolioIds, id] : s.portfolioIds.filter((p) => p !== id) }));
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = { displayName, bio, isPublic, avatar, tradeDelayMinutes: delay, sources };
    const parsed = updateTraderProfileInput.safeParse(input);
    if (!parsed.success) {
      const fe = parsed.error.flatten().fieldErrors;
      setErrors(Object.fromEntries(Object.entries(fe).map(([k, v]) => [k, v?.[0]])));
      return;
    }
    setErrors({});
    save.mutate(input);
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <CardContent className="grid gap-5">
        <Field id="profile-display-name" label="Display name" error={errors.displayName}>
          <Input {...fieldAria("profile-display-name", errors.displayName)} value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={64} data-testid="profile-display-name" />
        </Field>

        <div className="grid gap-2">
          <Label>Avatar</Label>
          <div className="flex flex-wrap items-center gap-3">
            <TraderAvatar name={displayName || "?"} avatar={avatar} kind="person" size="lg" />
            <input ref={fileRef} type="file" accept={AVATAR_TYPES.join(",")} className="sr-only" onChange={onFile} data-testid="profile-avatar-input" aria-label="Upload an avatar" />
            <Button type="button" variant="outline" size="sm" onClick={() => fileRef.current?.click()}>
              <ImageUpIcon />
              {avatar ? "Change" : "Upload"}
            </Button>
            {avatar ? (
              <Button type="button" variant="ghost" size="sm" onClick={() => setAvatar(null)} data-testid="profile-avatar-remove">
                <TrashIcon />
                Remove
              </Button>
            ) : null}
          </div>
          {errors.avatar ? (
            <p className="text-xs font-medium text-destructive" data-testid="profile-avatar-error" id="profile-avatar-error">
              {errors.avatar}
            </p>
          ) : (
            <p className="text-xs text-muted-foreground">PNG, JPEG or WebP, at most 64 KB. Without one, your initials are shown.</p>
          )}
        </div>

        <Field id="profile-bio" label="Bio" error={errors.bio} hint={`${bio.length}/${BIO_MAX} characters`}>
          <Textarea
            {...fieldAria("profile-bio", errors.bio, true)}
            value={bio}
            onChange={(e) => setBio(e.target.value)}
            maxLength={BIO_MAX}
            rows={3}
            placeholder="What you trade and how — e.g. long-term ETH, monthly DCA, rebalance quarterly."
            data-testid="profile-bio"
          />
        </Field>

        <div className="flex items-center justify-between gap-4 rounded-lg border p-3">
          <div className="grid gap-1">
            <Label htmlFor="profile-public">Publish my profile</Label>
            <p className="text-xs text-muted-foreground">Other users can find, follow and copy you. You are ranked once your verified record meets the minimum.</p>
          </div>
          <Switch id="profile-public" checked={isPublic} onCheckedChange={setIsPublic} data-testid="profile-public" />
        </div>

        <Field id="profile-delay" label="Show my trades to others" error={errors.tradeDelayMinutes} hint="Public viewers see your trades this late. Copiers are not delayed.">
          <NativeSelect {...fieldAria("profile-delay", errors.tradeDelayMinutes, true)} value={delay} onChange={(e) => setDelay(Number(e.target.value))} data-testid="profile-delay">
            {TRADE_DELAY_CHOICES_MIN.map((m) => (
              <option key={m} value={m}>
                {m === 0 ? "Immediately" : `${formatDelayMinutes(m)} later`}
              </option>
            ))}
          </NativeSelect>
        </Field>

        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">Books that count</legend>
          <p className="-mt-1 text-xs text-muted-foreground">Only verified trades count: paper fills, vault trades and receipt-confirmed swaps of these portfolios&apos; wallets.</p>
          <SourceSwitch id="profile-source-paper" label="Paper account" checked={sources.paper} onChange={(paper) => setSources((s) => ({ ...s, paper }))} />
          <SourceSwitch id="profile-source-vaults" label="Vaults" checked={sources.vaults} onChange={(vaults) => setSources((s) => ({ ...s, vaults }))} />
          {portfolios.isPending ? (
            <Skeleton className="h-9 w-full" />
          ) : (portfolios.data ?? []).length === 0 ? (
            <p className="text-xs text-muted-foreground">No portfolios yet.</p>
          ) : (
            (portfolios.data ?? []).map((p) => (
              <label key={p.id} className="flex cursor-pointer items-center gap-3 rounded-md border px-3 py-2 text-sm hover:bg-muted/40" data-testid="profile-source-portfolio" data-portfolio-id={p.id}>
                <input type="checkbox" className="size-4 accent-primary" checked={sources.portfolioIds.includes(p.id)} onChange={(e) => togglePortfolio(p.id, e.target.checked)} />
                <span className="min-w-0 flex-1 truncate">{p.name}</span>
                <span className="text-xs text-muted-foreground">portfolio</span>
              </label>
            ))
          )}
          {errors.sources ? <p className="text-xs font-medium text-destructive">{errors.sources}</p> : null}
        </fieldset>
      </CardContent>
      <CardFooter className="flex-wrap justify-between gap-3">
        {published ? (
          <Button asChild variant="link" size="sm" className="px-0">
            <Link href={`/social/traders/${userId}`} data-testid="profile-public-link">
              View my public profile
              <ExternalLinkIcon />
            </Link>
          </Button>
        ) : (
          <span />
        )}
        <Button type="submit" size="sm" disabled={save.isPending} data-testid="profile-save">
          {save.isPending ? <Spinner /> : null}
          Save profile
        </Button>
      </CardFooter>
    </form>
  );
}

function SourceSwitch({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="flex items-center justify-between gap-3 rounded-md border px-3 py-2">
      <Label htmlFor={id} className="font-normal">
        {label}
      </Label>
      <Switch id={id} checked={checked} onCheckedChange={onChange} data-testid={id} />
    </div>
  );
}
