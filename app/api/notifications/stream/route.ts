// The notification centre's live feed (server-sent events): GET with the session cookie,
// `event: notification` per new notification of the signed-in user, a heartbeat comment every
// 15 s, closed when the browser goes away. See openNotificationStream.
import { db } from "@/db";
import { auth } from "@/server/auth";
import { logger } from "@/server/logger";
import { openNotificationStream } from "@/server/services/notifications";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return Response.json({ error: { message: "Sign in to continue.", code: "UNAUTHORIZED" } }, { status: 401 });
  const stream = await openNotificationStream(db, userId, {
    signal: request.signal,
    lastEventId: request.headers.get("last-event-id"),
    onError: (err) => logger.warn({ err, userId }, "notification stream poll failed"),
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // nginx: do not buffer the stream.
      "x-accel-buffering": "no",
    },
  });
}
