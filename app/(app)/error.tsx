"use client";
import { AlertTriangleIcon, RotateCwIcon } from "lucide-react";
import Link from "next/link";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

// Shown when a page under (app) throws while rendering. The message is generic on purpose:
// server errors reach the client without details (see server/api/trpc.ts).
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center gap-4 py-20 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-destructive/10 text-destructive">
        <AlertTriangleIcon aria-hidden="true" className="size-5" />
      </span>
      <div className="grid gap-1.5">
        <h1 className="text-xl font-semibold tracking-tight">This page could not be loaded</h1>
        <p className="text-sm text-muted-foreground">
          Something went wrong on our side. Try again; if it keeps happening, come back in a few minutes.
        </p>
        {error.digest ? <p className="font-mono text-xs text-muted-foreground">Reference: {error.digest}</p> : null}
      </div>
      <div className="flex gap-2">
        <Button onClick={reset}>
          <RotateCwIcon aria-hidden="true" /> Try again
        </Button>
        <Button asChild variant="outline">
          <Link href="/dashboard">Go to dashboard</Link>
        </Button>
      </div>
    </div>
  );
}
