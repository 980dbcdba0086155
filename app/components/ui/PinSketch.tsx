import { useT } from '#app/utils/use-app';

type Outline = { west: number; south: number; east: number; north: number; districts: { id: number; path: string }[] };

/**
 * A small static map of a pin: the city's districts drawn from PostGIS outlines, the pin's district shaded and the
 * pin marked. Plain SVG from the server, so it shows without JavaScript and without a tile server.
 */
export function PinSketch({ outline, lat, lng, districtId, place, width = 200 }: { outline: Outline; lat: number; lng: number; districtId: number | null; place: string; width?: number }) {
  const { t } = useT();
  const w = outline.east - outline.west;
  const h = outline.north - outline.south;
  if (!(w > 0 && h > 0)) return null;
  // A degree of longitude is shorter than one of latitude away from the equator: stretch the height to match.
  const squash = Math.cos((((outline.north + outline.south) / 2) * Math.PI) / 180);
  const height = Math.round((width * h) / (w * squash));
  const r = w / 30;
  return (
    <svg className="pin-sketch" role="img" aria-label={t('reports.pinSketch', { lat: lat.toFixed(5), lng: lng.toFixed(5), place })} width={width} height={height} viewBox={`${outline.west} ${-outline.north} ${w} ${h}`} preserveAspectRatio="none" data-testid="pin-sketch">
      {outline.districts.map((d) => (
        <path key={d.id} d={d.path} className={d.id === districtId ? 'pin-sketch__district pin-sketch__district--pin' : 'pin-sketch__district'} vectorEffect="non-scaling-stroke" />
      ))}
      <ellipse cx={lng} cy={-lat} rx={r} ry={r * squash} className="pin-sketch__pin" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
