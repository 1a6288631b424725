"use client";
// Pause / resume / rename / delete an automation: one set of mutations for the list and the
// detail page. Every change invalidates the automation router (list, get, runs, dead runs).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PauseIcon, PencilIcon, PlayIcon, Trash2Icon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, toastError } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { automationNameSchema } from "@/lib/schemas/automation";
import { useTRPC } from "@/lib/trpc/client";
import type { AutomationItem } from "./automation-meta";

export function useInvalidateAutomation() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: trpc.automation.pathKey() });
}

export function useAutomationMutations() {
  const trpc = useTRPC();
  const invalidate = useInvalidateAutomation();
  const onError = (title: string) => (err: unknown) => toastError(err, title);
  const pause = useMutation(trpc.automation.pause.mutationOptions({ onSuccess: () => (toast.success("Automation paused"), invalidate()), onError: onError("Could not pause") }));
  const resume = useMutation(trpc.automation.resume.mutationOptions({ onSuccess: () => (toast.success("Automation resumed"), invalidate()), onError: onError("Could not resume") }));
  return { pause, resume };
}

type Props = { automation: Pick<AutomationItem, "id" | "name" | "status">; size?: "sm" | "default"; compact?: boolean };

/** Pause or resume (finished automations have neither). */
export function PauseResumeButton({ automation, size = "sm", compact = false }: Props) {
  const { pause, resume } = useAutomationMutations();
  if (automation.status === "stopped") return null;
  const paused = automation.status === "paused";
  const m = paused ? resume : pause;
  const label = paused ? "Resume" : "Pause";
  return (
    <Button
      variant="outline"
      size={compact ? "icon-sm" : size}
      disabled={m.isPending}
      onClick={() => m.mutate({ id: automation.id })}
      aria-label={compact ? `${label} ${automation.name}` : undefined}
      title={compact ? label : undefined}
      data-testid={paused ? "automation-resume" : "automation-pause"}
    >
      {m.isPending ? <Spinner /> : paused ? <PlayIcon /> : <PauseIcon />}
      {compact ? null : label}
    </Button>
  );
}

export function DeleteAutomationButton({ automation, compact = false, onDeleted }: Props & { onDeleted?: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateAutomation();
  const [open, setOpen] = useState(false);
  const del = useMutation(
    trpc.automation.delete.mutationOptions({
      onSuccess: async () => {
        toast.success("Automation deleted");
        setOpen(false);
        onDeleted?.();
        await invalidate();
      },
    }),
  );
  return (
    <>
      <Button
        variant="outline"
        size={compact ? "icon-sm" : "sm"}
        onClick={() => setOpen(true)}
        aria-label={compact ? `Delete ${automation.name}` : undefined}
        title={compact ? "Delete" : undefined}
        className="text-muted-foreground hover:text-destructive"
        data-testid="automation-delete"
      >
        <Trash2Icon />
        {compact ? null : "Delete"}
      </Button>
      <Dialog open={open} onOpenChange={(o) => (setOpen(o), del.reset())}>
        <DialogContent className="max-w-md" data-testid="automation-delete-dialog">
          <DialogHeader>
            <DialogTitle>Delete “{automation.name}”?</DialogTitle>
            <DialogDescription>
              It stops at once and leaves your list. Its run history stays in the audit log, and fills already made stay in your paper account or vault.
            </DialogDescription>
          </DialogHeader>
          {del.isError ? (
            <p role="alert" className="text-sm font-medium text-destructive">
              {errorMessage(del.error)}
            </p>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button variant="destructive" disabled={del.isPending} onClick={() => del.mutate({ id: automation.id })} data-testid="automation-delete-confirm">
              {del.isPending ? <Spinner /> : <Trash2Icon />}
              Delete
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}

export function RenameAutomationButton({ automation }: Props) {
  const trpc = useTRPC();
  const invalidate = useInvalidateAutomation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(automation.name);
  const [error, setError] = useState<string | null>(null);
  const rename = useMutation(
    trpc.automation.rename.mutationOptions({
      onSuccess: async () => {
        toast.success("Renamed");
        setOpen(false);
        await invalidate();
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const p = automationNameSchema.safeParse(name);
    if (!p.success) return setError(p.error.issues[0]?.message ?? "Enter a name.");
    rename.mutate({ id: automation.id, name: p.data });
  };
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => (setName(automation.name), setError(null), setOpen(true))} data-testid="automation-rename">
        <PencilIcon />
        Rename
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-w-md">
          <DialogHeader>
            <DialogTitle>Rename automation</DialogTitle>
            <DialogDescription>Only the name changes; the schedule and its runs stay as they are.</DialogDescription>
          </DialogHeader>
          <form onSubmit={submit} noValidate className="grid gap-4">
            <Field id="rename-name" label="Name" error={error}>
              <Input {...fieldAria("rename-name", error)} value={name} maxLength={64} onChange={(e) => (setName(e.target.value), setError(null))} autoFocus data-testid="automation-rename-input" />
            </Field>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={rename.isPending} data-testid="automation-rename-submit">
                {rename.isPending ? <Spinner /> : null}
                Save
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
