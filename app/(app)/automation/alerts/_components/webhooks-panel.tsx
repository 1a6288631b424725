"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CopyIcon, SendIcon, Trash2Icon, WebhookIcon } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { errorMessage, fieldErrors, toastError } from "@/components/feedback/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/schemas/notifications";
import { useTRPC } from "@/lib/trpc/client";

const DELIVERY = {
  delivered: { variant: "positive", label: "Delivered" },
  pending: { variant: "info", label: "Pending" },
  failed: { variant: "negative", label: "Failed" },
} as const;

export function WebhooksPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<NotificationKind[]>([]);
  const [secret, setSecret] = useState<string | null>(null);

  const hooks = useQuery(trpc.automation.webhooks.list.queryOptions());
  const deliveries = useQuery({
    ...trpc.automation.webhooks.deliveries.queryOptions({ limit: 20 }),
    // While something is on its way, follow it.
    refetchInterval: (q) => (q.state.data?.some((d) => d.status === "pending") ? 3_000 : false),
  });
  const invalidate = () => queryClient.invalidateQueries(trpc.automation.webhooks.pathFilter());

  const create = useMutation(
    trpc.automation.webhooks.create.mutationOptions({
      onSuccess: (res) => {
        setSecret(res.secret);
        setUrl("");
        setEvents([]);
        void invalidate();
      },
    }),
  );
  const remove = useMutation(trpc.automation.webhooks.delete.mutationOptions({ onSuccess: invalidate, onError: (e) => toastError(e, "Could not delete the webhook") }));
  const test = useMutation(
    trpc.automation.webhooks.sendTest.mutationOptions({
      onSuccess: () => {
        toast.success("Test queued", { description: "Its delivery shows below in a few seconds." });
        void invalidate();
      },
      onError: (e) => toastError(e, "Could not send a test"),
    }),
  );
  const errors = fieldErrors(create.error);
  const formError = create.error && !errors.url ? errorMessage(create.error) : null;

  const toggle = (k: NotificationKind) => setEvents((cur) => (cur.includes(k) ? cur.filter((x) => x !== k) : [...cur, k]));

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      toast.success("Secret copied");
    } catch {
      toast.error("Could not copy; select the secret and copy it by hand");
    }
  }

  return (
    <Card data-testid="webhooks-panel">
      <CardHeader>
        <CardTitle>Webhooks</CardTitle>
        <CardDescription>
          Every notification is POSTed as JSON to your endpoints, signed: <code className="text-xs">X-Lodestar-Signature: t=…,v1=…</code> is the hex
          HMAC-SHA256 of <code className="text-xs">{"`${t}.${body}`"}</code> with your secret. Failed deliveries are retried with backoff.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <form
          noValidate
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ url, events });
          }}
        >
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
            <Field id={`${id}-url`} label="Endpoint URL" error={errors.url ?? formError} className="flex-1">
              <Input {...fieldAria(`${id}-url`, errors.url ?? formError)} type="url" placeholder="https://example.com/hooks/lodestar" value={url} onChange={(e) => setUrl(e.target.value)} />
            </Field>
            <Button type="submit" className="sm:mt-7" disabled={create.isPending} data-testid="webhook-create">
              {create.isPending ? <Spinner /> : <WebhookIcon aria-hidden="true" />}
              Add webhook
            </Button>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-xs text-muted-foreground">Events (none selected = all)</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-2">
              {NOTIFICATION_KINDS.map((k) => (
                <label key={k} className="flex items-center gap-1.5 text-xs">
                  <input type="checkbox" className="accent-primary" checked={events.includes(k)} onChange={() => toggle(k)} />
                  <code>{k}</code>
                </label>
              ))}
            </div>
          </fieldset>
        </form>

        {hooks.isPending ? (
          <div className="grid gap-2">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : hooks.isError ? (
          <p className="text-sm text-negative">{errorMessage(hooks.error)}</p>
        ) : hooks.data.length === 0 ? (
          <EmptyState icon={<WebhookIcon />} title="No webhooks" description="Add an https endpoint to receive alerts and automation events in your own systems." />
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Endpoint</TableHead>
                <TableHead>Secret</TableHead>
                <TableHead>Events</TableHead>
                <TableHead className="sr-only">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {hooks.data.map((w) => (
                <TableRow key={w.id} data-testid="webhook-row">
                  <TableCell className="max-w-xs truncate font-mono text-xs" title={w.url}>
                    {w.url}
                  </TableCell>
                  <TableCell className="font-mono text-xs text-muted-foreground">{w.secretMasked}</TableCell>
                  <TableCell className="text-xs text-muted-foreground">{w.events.length === 0 ? "All" : w.events.join(", ")}</TableCell>
                  <TableCell>
                    <div className="flex justify-end gap-1">
                      <Button variant="outline" size="sm" disabled={test.isPending} onClick={() => test.mutate({ id: w.id })}>
                        <SendIcon aria-hidden="true" />
                        Send test
                      </Button>
                      <Button variant="ghost" size="icon-sm" aria-label={`Delete webhook ${w.url}`} disabled={remove.isPending} onClick={() => remove.mutate({ id: w.id })}>
                        <Trash2Icon aria-hidden="true" />
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}

        <div className="grid gap-2">
          <h3 className="text-sm font-semibold">Recent deliveries</h3>
          {deliveries.isPending ? (
            <Skeleton className="h-10 w-full" />
          ) : deliveries.isError ? (
            <p className="text-sm text-negative">{errorMessage(deliveries.error)}</p>
          ) : deliveries.data.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing delivered yet. Use “Send test” to try an endpoint.</p>
          ) : (
            <Table data-testid="webhook-deliveries">
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>Status</TableHead>
                  <TableHead>Event</TableHead>
                  <TableHead className="text-right">Attempts</TableHead>
                  <TableHead>Last response</TableHead>
                  <TableHead className="text-right">Created</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {deliveries.data.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell>
                      <Badge variant={DELIVERY[d.status].variant}>{DELIVERY[d.status].label}</Badge>
                    </TableCell>
                    <TableCell>
                      <div className="grid gap-0.5">
                        <span className="text-sm">{d.title}</span>
                        <code className="text-xs text-muted-foreground">{d.kind}</code>
                      </div>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{d.attempts}</TableCell>
                    <TableCell className="max-w-56 truncate text-xs text-muted-foreground" title={d.lastError ?? undefined}>
                      {d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : "–")}
                    </TableCell>
                    <TableCell className="text-right text-xs text-muted-foreground">
                      <Time date={d.createdAt} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </div>
      </CardContent>

      <Dialog open={secret !== null} onOpenChange={(o) => (o ? null : setSecret(null))}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Your signing secret</DialogTitle>
            <DialogDescription>Copy it now: it is shown only once. Use it to verify the X-Lodestar-Signature header of each delivery.</DialogDescription>
          </DialogHeader>
          <div className="flex items-center gap-2">
            <Input readOnly value={secret ?? ""} className="font-mono text-xs" aria-label="Webhook signing secret" data-testid="webhook-secret" onFocus={(e) => e.currentTarget.select()} />
            <Button variant="outline" size="icon" aria-label="Copy secret" onClick={() => secret && void copy(secret)}>
              <CopyIcon aria-hidden="true" />
            </Button>
          </div>
          <DialogFooter>
            <Button onClick={() => setSecret(null)}>I have saved it</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </Card>
  );
}
