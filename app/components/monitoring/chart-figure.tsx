import type { Chart } from '../../services/monitoring-charts.server';

/** A chart drawn on the server; the SVG is an image to assistive technology, described by its summary. */
export function ChartFigure({ chart }: { chart: Chart }) {
  return (
    <figure className="card space-y-2 break-inside-avoid">
      <figcaption className="font-bold">{chart.title}</figcaption>
      <div role="img" aria-label={chart.summary} className="overflow-x-auto [&_svg]:h-auto [&_svg]:max-w-full" dangerouslySetInnerHTML={{ __html: chart.svg }} />
    </figure>
  );
}
