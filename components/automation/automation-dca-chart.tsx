"use client";
// DCA: the price paid at each buy against the running average cost (both in the spent token per
// bought token). lightweight-charts touches `window` on import: loaded in the browser only.
import type { IChartApi, UTCTimestamp } from "lightweight-charts";
import { useTheme } from "next-themes";
import { useEffect, useMemo, useRef } from "react";
import type { RunFill } from "./automation-runs-table";

const COLORS = {
  dark: { text: "#9aa3b5", grid: "rgba(255,255,255,0.05)", price: "#7b8cff", avg: "#f0b44c" },
  light: { text: "#5b6474", grid: "rgba(0,0,0,0.05)", price: "#4f5fd6", avg: "#c27a12" },
};

export type DcaPoint = { at: Date; fill: RunFill };

export function DcaCostChart({ points, decimalsIn, decimalsOut, symbolIn }: { points: DcaPoint[]; decimalsIn: number; decimalsOut: number; symbolIn: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { resolvedTheme } = useTheme();
  const theme = resolvedTheme === "light" ? "light" : "dark";
  const series = useMemo(() => {
    const sorted = [...points].sort((a, b) => a.at.getTime() - b.at.getTime());
    let spent = 0;
    let bought = 0;
    const price: { time: UTCTimestamp; value: number }[] = [];
    const avg: { time: UTCTimestamp; value: number }[] = [];
    for (const p of sorted) {
      const inn = Number(p.fill.amountIn) / 10 ** decimalsIn;
      const out = Number(p.fill.amountOut) / 10 ** decimalsOut;
      if (!(out > 0)) continue;
      spent += inn;
      bought += out;
      const time = Math.floor(p.at.getTime() / 1000) as UTCTimestamp;
      // Strictly increasing times, as the library requires: a second buy in the same second replaces the first.
      if (price.at(-1)?.time === time) {
        price.pop();
        avg.pop();
      }
      price.push({ time, value: inn / out });
      avg.push({ time, value: spent / bought });
    }
    return { price, avg };
  }, [points, decimalsIn, decimalsOut]);

  useEffect(() => {
    const el = ref.current;
    if (!el || series.price.length === 0) return;
    let chart: IChartApi | null = null;
    let cancelled = false;
    void import("lightweight-charts").then(({ createChart, LineSeries, ColorType, LineStyle }) => {
      if (cancelled) return;
      const c = COLORS[theme];
      chart = createChart(el, {
        autoSize: true,
        layout: { background: { type: ColorType.Solid, color: "transparent" }, textColor: c.text, fontFamily: "inherit", fontSize: 11 },
        grid: { vertLines: { visible: false }, horzLines: { color: c.grid } },
        rightPriceScale: { borderVisible: false },
        timeScale: { borderVisible: false, timeVisible: true, secondsVisible: false },
        handleScroll: false,
        handleScale: false,
      });
      const fills = chart.addSeries(LineSeries, { color: c.price, lineWidth: 2, pointMarkersVisible: true, priceLineVisible: false, title: "Buy price" });
      fills.setData(series.price);
      const avg = chart.addSeries(LineSeries, { color: c.avg, lineWidth: 2, lineStyle: LineStyle.Dashed, priceLineVisible: false, title: "Avg cost" });
      avg.setData(series.avg);
      chart.timeScale().fitContent();
    });
    return () => {
      cancelled = true;
      chart?.remove();
    };
  }, [series, theme]);

  return (
    <div className="grid gap-2">
      <div className="flex items-center gap-4 text-xs text-muted-foreground">
        <span className="inline-flex items-center gap-1.5">
          <span className="h-0.5 w-4 rounded bg-[#7b8cff]" /> Buy price ({symbolIn})
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="h-0.5 w-4 rounded border-t-2 border-dashed border-[#f0b44c]" /> Average cost
        </span>
      </div>
      <div ref={ref} className="h-48 w-full" role="img" aria-label="Price of each buy and the running average cost" data-testid="dca-chart" data-points={series.price.length} />
    </div>
  );
}
