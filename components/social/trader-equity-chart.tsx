"use client";
// The trader's equity curve as a TWR index (1 = start of the record), drawn with
// lightweight-charts (loaded in the browser only, like components/portfolio/equity-chart.tsx).
// Test id: `trader-equity-chart` (data-points).
import type { IChartApi, UTCTimestamp } from "lightweight-charts";
import { useTheme } from "next-themes";
import { useEffect, useRef } from "react";
import type { EquityPointDto } from "@/lib/schemas/social";

const COLORS = {
  dark: { text: "#9aa3b5", grid: "rgba(255,255,255,0.05)", line: "#f0b44c", top: "rgba(240,180,76,0.28)", bottom: "rgba(240,180,76,0.01)" },
  light: { text: "#5b6474", grid: "rgba(0,0,0,0.05)", line: "#c27a12", top: "rgba(194,122,18,0.22)", bottom: "rgba(194,122,18,0.01)" },
};

/** Strictly increasing daily times, as the library requires. */
function series(points: EquityPointDto[]) {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (const p of points) {
    const time = Math.floor(Date.parse(p.day.length === 10 ? `${p.day}T00:00:00Z` : p.day) / 1000) as UTCTimestamp;
    if (!Number.isFinite(time) || !Number.isFinite(p.index)) continue;
    const last = out.at(-1);
    if (last && last.time >= time) {
      if (last.time === time) last.value = (p.index - 1) * 100;
      continue;
    }
    out.push({ time, value: (p.index - 1) * 100 });
  }
  return out;
}

export function TraderEquityChart({ points }: { points: EquityPointDto[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const { resolvedTheme } = useTheme();
  const theme = resolvedTheme === "light" ? "light" : "dark";

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let chart: IChartApi | null = null;
    let cancelled = false;
    void import("lightweight-charts").then(({ createChart, AreaSeries, ColorType }) => {
      if (cancelled) return;
      const c = COLORS[theme];
      chart = createChart(el, {
        autoSize: true,
        layout: { background: { type: ColorType.Solid, color: "transparent" }, textColor: c.text, fontFamily: "inherit", fontSize: 11 },
        grid: { vertLines: { visible: false }, horzLines: { color: c.grid } },
        rightPriceScale: { borderVisible: false },
        timeScale: { borderVisible: false },
        localization: { priceFormatter: (v: number) => `${v >= 0 ? "+" : ""}${v.toFixed(1)}%` },
        handleScroll: false,
        handleScale: false,
      });
      const s = chart.addSeries(AreaSeries, { lineColor: c.line, topColor: c.top, bottomColor: c.bottom, lineWidth: 2, priceLineVisible: false });
      s.setData(series(points));
      chart.timeScale().fitContent();
    });
    return () => {
      cancelled = true;
      chart?.remove();
    };
  }, [points, theme]);

  return <div ref={ref} className="h-64 w-full sm:h-72" data-testid="trader-equity-chart" data-points={points.length} role="img" aria-label="Time-weighted return over the trader's verified record" />;
}
