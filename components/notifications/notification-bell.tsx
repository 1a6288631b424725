"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellIcon, CheckCheckIcon, CheckIcon } from "lucide-react";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useState } from "react";
import { errorMessage, toastError } from "@/components/feedback/errors";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc/client";
import { SeverityIcon } from "./severity-icon";
import { badgeCount, timeAgo } from "./time-ago";
import { useNotificationStream } from "./use-notification-stream";

const LIMIT = 20;

/** The header's bell: unread badge, recent notifications in a popover, live updates. */
export function NotificationBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // "x min ago" is relative to when the list was opened (render stays pure).
  const [openedAt, setOpenedAt] = useState(0);
  const onOpenChange = (next: boolean) => {
    if (next) setOpenedAt(Date.now());
    setOpen(next);
  };
  useNotificationStream();

  const unread = useQuery(trpc.automation.notifications.unreadCount.queryOptions());
  const list = useQuery({ ...trpc.automation.notifications.list.queryOptions({ limit: LIMIT }), enabled: open });
  const invalidate = () => queryClient.invalidateQueries(trpc.automation.notifications.pathFilter());
  const markRead = useMutation(trpc.automation.notifications.markRead.mutationOptions({ onSuccess: invalidate, onError: (e) => toastError(e, "Could not mark as read") }));
  const markAll = useMutation(trpc.automation.notifications.markAllRead.mutationOptions({ onSuccess: invalidate, onError: (e) => toastError(e, "Could not mark all as read") }));

  const count = unread.data?.count ?? 0;

  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Trigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative rounded-full"
          aria-label={count > 0 ? `Notifications, ${count} unread` : "Notifications"}
          data-testid="notification-bell"
        >
          <BellIcon aria-hidden="true" />
          {count > 0 ? (
            <span
              aria-hidden="true"
              data-testid="notification-badge"
              className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-primary px-1 text-[10px] font-semibold leading-none text-primary-foreground"
            >
              {badgeCount(count)}
            </span>
          ) : null}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          aria-label="Notifications"
          className="z-50 w-[min(24rem,calc(100vw-1.5rem))] rounded-lg border bg-popover text-popover-foreground shadow-xl outline-none"
        >
          <div className="flex items-center justify-between gap-2 border-b px-3 py-2">
            <p className="text-sm font-semibold">Notifications</p>
            <Button variant="ghost" size="sm" disabled={count === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
              <CheckCheckIcon aria-hidden="true" />
              Mark all read
            </Button>
          </div>
          <div className="max-h-[min(28rem,70vh)] overflow-y-auto">
            {list.isPending ? (
              <div className="grid gap-2 p-3" aria-busy="true" aria-label="Loading notifications">
                <Skeleton className="h-12 w-full" />
                <Skeleton className="h-12 w-full" />
                <Skeleton className="h-12 w-full" />
              </div>
            ) : list.isError ? (
              <p className="p-4 text-sm text-negative">{errorMessage(list.error)}</p>
            ) : list.data.length === 0 ? (
              <div className="flex flex-col items-center gap-2 px-6 py-10 text-center">
                <BellIcon aria-hidden="true" className="size-5 text-muted-foreground" />
                <p className="text-sm font-medium">You are all caught up</p>
                <p className="text-xs text-muted-foreground">Alerts and automation events will show up here.</p>
              </div>
            ) : (
              <ul className="divide-y" aria-label="Recent notifications">
                {list.data.map((n) => {
                  const isUnread = !n.readAt;
                  const title = <span className={cn("line-clamp-2 text-sm", isUnread ? "font-semibold" : "font-medium text-muted-foreground")}>{n.title}</span>;
                  return (
                    <li key={n.id} data-testid="notification-item" data-unread={isUnread || undefined} className={cn("flex gap-3 px-3 py-2.5", isUnread && "bg-accent/30")}>
                      <SeverityIcon severity={n.severity} className="mt-0.5" />
                      <div className="grid min-w-0 flex-1 gap-0.5">
                        {n.href ? (
                          <Link
                            href={n.href}
                            className="rounded-sm hover:underline focus-visible:outline-2 focus-visible:outline-ring"
                            onClick={() => {
                              if (isUnread) markRead.mutate({ ids: [n.id] });
                              setOpen(false);
                            }}
                          >
                            {title}
                          </Link>
                        ) : (
                          title
                        )}
                        {n.body ? <p className="line-clamp-3 text-xs text-muted-foreground">{n.body}</p> : null}
                        <time dateTime={n.createdAt.toISOString()} title={n.createdAt.toISOString()} className="text-[11px] text-muted-foreground">
                          {timeAgo(n.createdAt, openedAt)}
                        </time>
                      </div>
                      {isUnread ? (
                        <Button
                          variant="ghost"
                          size="icon-sm"
                          className="shrink-0"
                          aria-label={`Mark “${n.title}” as read`}
                          disabled={markRead.isPending}
                          onClick={() => markRead.mutate({ ids: [n.id] })}
                        >
                          <CheckIcon aria-hidden="true" />
                        </Button>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
          <div className="border-t px-3 py-2">
            <Link href="/automation/alerts" className="text-xs font-medium text-primary hover:underline" onClick={() => setOpen(false)}>
              Manage alerts and webhooks
            </Link>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
