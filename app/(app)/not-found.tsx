import { CompassIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function AppNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-20 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <CompassIcon aria-hidden="true" className="size-5" />
      </span>
      <div className="grid gap-1.5">
        <h1 className="text-xl font-semibold tracking-tight">Not found</h1>
        <p className="text-sm text-muted-foreground">This page or item does not exist, or it belongs to another account.</p>
      </div>
      <Button asChild>
        <Link href="/dashboard">Back to dashboard</Link>
      </Button>
    </div>
  );
}
