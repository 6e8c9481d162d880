/**
 * The Dashboard's pyramid drawn as SVG: one centred bar per tier (Core on top), split by stage,
 * so the shape of the echelon is visible at a glance. Data from the stored chart's range, or
 * the Dashboard's tier × stage table.
 */
import type { ChartView } from '../api';

const COLORS = ['#34a853', '#4285f4', '#fbbc04', '#ea4335', '#9aa0a6', '#a142f4', '#24c1e0'];

export function PyramidChart({ chart }: { chart: ChartView }) {
  const width = 560;
  const rowH = 34;
  const top = 36;
  const labelW = 110;
  const legendH = 28;
  const height = top + chart.categories.length * rowH + legendH + 24;
  const totals = chart.categories.map((_, i) => chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotW = width - labelW - 50;
  const centre = labelW + plotW / 2;
  return (
    <figure class="chart" data-testid="pyramid-chart">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${chart.title}: ${chart.categories.map((c, i) => `${c} ${totals[i]}`).join(', ')}`}>
        <text x={width / 2} y={20} text-anchor="middle" class="chart-title">
          {chart.title}
        </text>
        {chart.categories.map((cat, i) => {
          const y = top + i * rowH;
          const w = (totals[i] / max) * plotW;
          let x = centre - w / 2;
          return (
            <g key={cat}>
              <text x={labelW - 8} y={y + rowH / 2 + 4} text-anchor="end" class="chart-label">
                {cat}
              </text>
              {chart.series.map((s, k) => {
                const segW = ((s.values[i] ?? 0) / max) * plotW;
                const rect = segW > 0 ? <rect key={s.name} x={x} y={y + 4} width={segW} height={rowH - 8} fill={COLORS[k % COLORS.length]}><title>{`${cat} · ${s.name}: ${s.values[i]}`}</title></rect> : null;
                x += segW;
                return rect;
              })}
              <text x={centre + w / 2 + 6} y={y + rowH / 2 + 4} class="chart-total">
                {totals[i]}
              </text>
            </g>
          );
        })}
        {chart.series.map((s, k) => (
          <g key={s.name} transform={`translate(${labelW + k * 90}, ${top + chart.categories.length * rowH + 14})`}>
            <rect width={12} height={12} fill={COLORS[k % COLORS.length]} />
            <text x={16} y={11} class="chart-legend">
              {s.name}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{chart.source}</figcaption>
    </figure>
  );
}
