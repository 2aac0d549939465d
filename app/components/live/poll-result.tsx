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
          // Label and figure apart, so a line too long for the hall's half screen breaks between them, not inside one.
          <li key={r.key} data-choice={r.key}>
            <span className="poll-count-label">{t("live.resultLabel", { label: r.label })}</span>{" "}
            <span className="poll-count-figure">{t("live.resultFigure", { count: r.count, n: result.n, percent: formatPercent(percentOfN(r.count, result.n), locale) })}</span>
          </li>
        ))}
      </ul>
      <p className="muted poll-present">{t("live.presentAtVote", { present: result.present, n: result.n })}</p>
      <ResultChart rows={rows.map((r) => ({ label: r.label, value: percentOfN(r.count, result.n) }))} label={t("live.chart")} large={large} />
    </div>
  );
}

const barColours = ["#1b7f3b", "#b3261e", "#6b5e00", "#5f6b7a"];
// On the hall's black: light enough for 3:1 against it (WCAG 1.4.11), still told apart.
const hallBarColours = ["#5fd35f", "#ff8a80", "#ffd400", "#b0bec5"];

function ResultChart({ rows, label, large }: { rows: { label: string; value: number }[]; label: string; large: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Redrawn only when the figures change.
  const key = rows.map((r) => `${r.label}:${r.value}`).join("|");
  useEffect(() => {
    if (!canvas.current) return;
    // The hall's labels scale with the screen's height, like its text (vh).
    const vh = window.innerHeight / 100;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: { labels: rows.map((r) => r.label), datasets: [{ data: rows.map((r) => r.value), backgroundColor: large ? hallBarColours : barColours }] },
      options: {
        indexAxis: "y",
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {
            min: 0,
            max: 100,
            ticks: { callback: (v) => `${v}%`, stepSize: large ? 25 : 10, maxRotation: 0, color: large ? "#fff" : "#1b2330", font: { size: large ? Math.round(2.4 * vh) : 13 } },
            grid: { color: large ? "rgb(255 255 255 / 25%)" : "rgb(0 0 0 / 10%)" },
          },
          y: { ticks: { color: large ? "#fff" : "#1b2330", font: { size: large ? Math.round(2.6 * vh) : 14, weight: large ? "bold" : "normal" } }, grid: { display: false } },
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
