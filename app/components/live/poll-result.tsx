// A closed poll's stored result (RULES.md 5): each count and its percentage of N with a decimal comma, those present
// and not voted, passed or not — as text first, then as a chart for the hall.
import { BarController, BarElement, CategoryScale, Chart, LinearScale } from "chart.js";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "~/components/use-user";
import { formatPercent, percentOfN } from "~/models/vote-rules";
import type { PollResultPayload } from "~/realtime/events";

Chart.register(BarController, BarElement, CategoryScale, LinearScale);

export function PollResult({ result, large = false }: { result: PollResultPayload; large?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows = [
    { key: "yes", label: t("live.choices.yes"), count: result.yes },
    { key: "no", label: t("live.choices.no"), count: result.no },
    { key: "abstain", label: t("live.choices.abstain"), count: result.abstain },
    { key: "notVoted", label: t("live.notVoted"), count: result.notVoted },
  ];
  return (
    <div className={`poll-result${large ? " large" : ""}`} data-testid="poll-result">
      <p className={`poll-verdict ${result.passed ? "passed" : "not-passed"}`} data-testid="poll-verdict">
        {result.passed ? t("live.passed") : t("live.notPassed")}
      </p>
      <ul className="poll-counts">
        {rows.map((r) => (
          <li key={r.key} data-choice={r.key}>
            {t("live.resultLine", { label: r.label, count: r.count, n: result.n, percent: formatPercent(percentOfN(r.count, result.n), locale) })}
          </li>
        ))}
      </ul>
      <p className="muted">{t("live.presentAtVote", { present: result.present, n: result.n })}</p>
      <ResultChart rows={rows.map((r) => ({ label: r.label, value: percentOfN(r.count, result.n) }))} label={t("live.chart")} large={large} />
    </div>
  );
}

const barColours = ["#1b7f3b", "#b3261e", "#6b5e00", "#5f6b7a"];

function ResultChart({ rows, label, large }: { rows: { label: string; value: number }[]; label: string; large: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Redrawn only when the figures change.
  const key = rows.map((r) => `${r.label}:${r.value}`).join("|");
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: { labels: rows.map((r) => r.label), datasets: [{ data: rows.map((r) => r.value), backgroundColor: barColours }] },
      options: {
        indexAxis: "y",
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%`, color: large ? "#fff" : "#1b2330", font: { size: large ? 22 : 13 } } },
          y: { ticks: { color: large ? "#fff" : "#1b2330", font: { size: large ? 26 : 14 } } },
        },
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
      },
    });
    return () => chart.destroy();
  }, [key, large]);
  return (
    <div className={`poll-chart${large ? " large" : ""}`}>
      <canvas ref={canvas} role="img" aria-label={`${label}: ${rows.map((r) => `${r.label} ${r.value}%`).join(", ")}`} />
    </div>
  );
}
