import { TILE_COLUMNS, TILE_ROWS } from '../../domain/monitoring';
import type { DashboardMap } from '../../services/monitoring.server';

const CELL = 44;
const GAP = 3;

/**
 * The prefectures as a tile grid, coloured by the chosen measure. Each tile links to the same view
 * filtered to that prefecture, so the map is also a way to navigate without JavaScript.
 */
export function TileMap({ map, hrefFor }: { map: DashboardMap; hrefFor: (prefCode: string) => string }) {
  const width = TILE_COLUMNS * CELL;
  const height = TILE_ROWS * CELL;
  return (
    <figure className="space-y-3">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-xl" role="group" aria-labelledby="map-title">
        <title id="map-title">{`都道府県別の${map.label}（タイル地図）`}</title>
        {map.tiles.map((t) => (
          <a key={t.code} href={hrefFor(t.code)} aria-label={`${t.name}：${t.suppressed ? (t.hiddenText ?? '3未満') : `${t.value}件`}`}>
            <rect
              x={t.x * CELL + GAP / 2}
              y={t.y * CELL + GAP / 2}
              width={CELL - GAP}
              height={CELL - GAP}
              rx={4}
              fill={t.fill}
              stroke={t.selected ? '#000000' : '#ffffff'}
              strokeWidth={t.selected ? 3 : 1}
            />
            <text x={t.x * CELL + CELL / 2} y={t.y * CELL + CELL / 2 - 3} textAnchor="middle" fontSize={11} fill={t.text}>
              {t.short}
            </text>
            <text x={t.x * CELL + CELL / 2} y={t.y * CELL + CELL / 2 + 11} textAnchor="middle" fontSize={10} fill={t.text}>
              {t.suppressed ? (t.hiddenText === '3未満' || !t.hiddenText ? '<3' : '—') : t.value}
            </text>
          </a>
        ))}
      </svg>
      <figcaption>
        <p className="text-sm font-bold">凡例：{map.label}（件）</p>
        <ul className="mt-1 flex flex-wrap gap-3 text-sm">
          {map.classes.map((c) => (
            <li key={c.index} className="flex items-center gap-1">
              <span aria-hidden="true" className="inline-block h-4 w-6 rounded border border-solid-gray-400" style={{ backgroundColor: c.colour }} />
              {c.label}
            </li>
          ))}
          {map.hasSuppressed ? (
            <li className="flex items-center gap-1">
              <span aria-hidden="true" className="inline-block h-4 w-6 rounded border border-solid-gray-400 bg-[#d8d8db]" />
              3未満・秘匿・非表示
            </li>
          ) : null}
        </ul>
        <p className="mt-1 text-xs text-solid-gray-700">各都道府県の数値は「都道府県別」の表にもあります。タイルを選ぶとその都道府県に絞り込みます。</p>
      </figcaption>
    </figure>
  );
}
