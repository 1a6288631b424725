import { ImageResponse } from "next/og";
import { formatReturn, headlineReturn } from "@/lib/portfolio/format";
import { loadPublicPortfolio } from "./load";

export const alt = "A portfolio shared on Lodestar";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

// name + headline return; never values or addresses (the card may be shown anywhere).
export default async function OpenGraphImage({ params }: { params: Promise<{ slug: string }> }) {
  const p = await loadPublicPortfolio((await params).slug);
  const h = p ? headlineReturn(p) : null;
  const up = (h?.twr ?? 0) >= 0;
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between", padding: 72, background: "#0f1118", color: "#eef0f5", fontFamily: "sans-serif" }}>
        <div style={{ display: "flex", alignItems: "center", gap: 16, fontSize: 32, color: "#f0b44c" }}>
          <div style={{ display: "flex", width: 44, height: 44, borderRadius: 10, background: "#f0b44c" }} />
          Lodestar
        </div>
        <div style={{ display: "flex", flexDirection: "column", gap: 20 }}>
          <div style={{ fontSize: 28, color: "#9aa3b5", textTransform: "uppercase", letterSpacing: 2 }}>Shared portfolio</div>
          <div style={{ fontSize: 76, fontWeight: 700, lineHeight: 1.05 }}>{p ? p.name : "Portfolio not found"}</div>
        </div>
        <div style={{ display: "flex", alignItems: "baseline", gap: 24 }}>
          <div style={{ fontSize: 96, fontWeight: 700, color: h ? (up ? "#34d399" : "#f87171") : "#9aa3b5" }}>{h ? formatReturn(h.twr) : "–"}</div>
          <div style={{ fontSize: 32, color: "#9aa3b5" }}>{h ? `time-weighted return, ${h.range}` : ""}</div>
        </div>
      </div>
    ),
    size,
  );
}
