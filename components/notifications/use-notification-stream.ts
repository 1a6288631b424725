"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/lib/trpc/client";

export type StreamedNotification = {
  id: string;
  kind: string;
  severity: "info" | "success" | "warning" | "critical";
  title: string;
  body: string;
  href: string | null;
  createdAt: string;
};

/**
 * Subscribes to /api/notifications/stream (server-sent events): each new notification shows a
 * toast and refreshes the notification queries. EventSource reconnects by itself (sending
 * Last-Event-ID, so nothing is missed); a 401 (signed out) closes it for good.
 */
export function useNotificationStream() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const seen = useRef(new Set<string>());
  // The latest values without re-subscribing on every render.
  const deps = useRef({ trpc, queryClient, router });
  useEffect(() => {
    deps.current = { trpc, queryClient, router };
  });

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/notifications/stream");
    const onNotification = (e: MessageEvent<string>) => {
      let n: StreamedNotification;
      try {
        n = JSON.parse(e.data) as StreamedNotification;
      } catch {
        return;
      }
      const { trpc: t, queryClient: qc, router: r } = deps.current;
      void qc.invalidateQueries(t.automation.notifications.pathFilter());
      if (seen.current.has(n.id)) return;
      seen.current.add(n.id);
      const show = n.severity === "critical" ? toast.error : n.severity === "warning" ? toast.warning : n.severity === "success" ? toast.success : toast.info;
      show(n.title, {
        id: n.id,
        description: n.body || undefined,
        action: n.href ? { label: "View", onClick: () => r.push(n.href!) } : undefined,
      });
    };
    // (Re)connected: refresh the counts, so whatever arrived while disconnected is counted
    // (the stream itself only carries what is created after it opened).
    const onOpen = () => {
      const { trpc: t, queryClient: qc } = deps.current;
      void qc.invalidateQueries(t.automation.notifications.pathFilter());
    };
    source.addEventListener("open", onOpen);
    source.addEventListener("notification", onNotification);
    return () => {
      source.removeEventListener("open", onOpen);
      source.removeEventListener("notification", onNotification);
      source.close();
    };
  }, []);
}
