"use client";
import type { IChartApi, UTCTimestamp } from "lightweight-charts";
import { useTheme } from "next-themes";
import { useEffect, useRef } from "react";
import { formatUsdCompact } from "@/lib/portfolio/format";
import type { Performance } from "@/lib/portfolio/types";

export type ChartMode = "value" | "return";

const COLORS = {
  dark: { text: "#9aa3b5", grid: "rgba(255,255,255,0.05)", line: "#f0b44c", top: "rgba(240,180,76,0.28)", bottom: "rgba(240,180,76,0.01)", border: "#2a2f3c" },
  light: { text: "#5b6474", grid: "rgba(0,0,0,0.05)", line: "#c27a12", top: "rgba(194,122,18,0.22)", bottom: "rgba(194,122,18,0.01)", border: "#e2e5ea" },
};
export const BENCHMARK_COLORS = { BTC: "#f7931a", ETH: "#7b8cff" } as const;

function toTime(day: string): UTCTimestamp {
  const ms = Date.parse(day.length === 10 ? `${day}T00:00:00Z` : day);
  return Math.floor(ms / 1000) as UTCTimestamp;
}

/** Strictly increasing times, as the library requires (the last point of a day wins). */
function series(points: { day: string; v: number }[]) {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.v)) continue;
    const time = toTime(p.day);
    if (!Number.isFinite(time)) continue;
    const last = out.at(-1);
    if (last && last.time >= time) {
      if (last.time === time) last.value = p.v;
      continue;
    }
    out.push({ time, value: p.v });
  }
  return out;
}

// The equity curve: portfolio value (USD) or its time-weighted index (100 = range start) with
// rebased BTC/ETH lines. lightweight-charts draws on canvas and touches `window` on import, so
// it is loaded in the browser only (dynamic import inside the effect).
export function EquityChart({ data, mode, benchmarks }: { data: Performance; mode: ChartMode; benchmarks: ("BTC" | "ETH")[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const { resolvedTheme } = useTheme();
  const theme = resolvedTheme === "light" ? "light" : "dark";

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let chart: IChartApi | null = null;
    let cancelled = false;
    void import("lightweight-charts").then(({ createChart, AreaSeries, LineSeries, ColorType, LineStyle }) => {
      if (cancelled) return;
      const c = COLORS[theme];
      chart = createChart(el, {
        autoSize: true,
        layout: { background: { type: ColorType.Solid, color: "transparent" }, textColor: c.text, fontFamily: "inherit", fontSize: 11 },
        grid: { vertLines: { visible: false }, horzLines: { color: c.grid } },
        rightPriceScale: { borderVisible: false },
        timeScale: { borderVisible: false, timeVisible: data.range === "1D" },
        localization: { priceFormatter: mode === "value" ? formatUsdCompact : (v: number) => v.toFixed(1) },
        handleScroll: false,
        handleScale: false,
      });
      const main = chart.addSeries(AreaSeries, { lineColor: c.line, topColor: c.top, bottomColor: c.bottom, lineWidth: 2, priceLineVisible: false });
      main.setData(series(data.points.map((p) => ({ day: p.day, v: mode === "value" ? p.valueUsd : p.twrIndex }))));
      if (mode === "return") {
        for (const b of data.benchmarks) {
          if (!benchmarks.includes(b.symbol)) continue;
          const line = chart.addSeries(LineSeries, {
            color: BENCHMARK_COLORS[b.symbol],
            lineWidth: 1,
            lineStyle: LineStyle.Dashed,
            priceLineVisible: false,
            lastValueVisible: true,
            title: b.symbol,
          });
          line.setData(series(b.points.map((p) => ({ day: p.day, v: p.index }))));
        }
      }
      chart.timeScale().fitContent();
    });
    return () => {
      cancelled = true;
      chart?.remove();
    };
  }, [data, mode, benchmarks, theme]);

  return (
    <div
      ref={ref}
      className="h-64 w-full sm:h-72"
      data-testid="equity-chart"
      data-mode={mode}
      data-range={data.range}
      data-points={data.points.length}
      data-benchmarks={mode === "return" ? benchmarks.join(",") : ""}
      role="img"
      aria-label={mode === "value" ? "Portfolio value over time" : "Time-weighted return index over time with benchmarks"}
    />
  );
}
