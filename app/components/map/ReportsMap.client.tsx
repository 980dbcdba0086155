import L from 'leaflet';
import { useCallback, useEffect, useState } from 'react';
import { CircleMarker, MapContainer, Marker, Popup, TileLayer, useMapEvents } from 'react-leaflet';
import { MapName } from './MapName';

type Feature =
  | { type: 'point'; id: number; lng: number; lat: number; status: string; overdue: boolean }
  | { type: 'cluster'; count: number; lng: number; lat: number };

type Props = { tileUrl: string; filters: string; label: string; reportLabel: (id: number) => string };

const statusColour: Record<string, string> = { arbitration: '#8a5a00', assigned: '#0b5cad', answered: '#1e6b34', closed: '#4a5360' };

function Loader({ filters, onData }: { filters: string; onData: (f: Feature[]) => void }) {
  const load = useCallback(
    (map: L.Map) => {
      const b = map.getBounds();
      const params = new URLSearchParams(filters);
      params.set('west', String(Math.max(-180, b.getWest())));
      params.set('south', String(Math.max(-90, b.getSouth())));
      params.set('east', String(Math.min(180, b.getEast())));
      params.set('north', String(Math.min(90, b.getNorth())));
      params.set('zoom', String(map.getZoom()));
      fetch(`/reports/map.json?${params}`)
        .then((r) => (r.ok ? r.json() : { features: [] }))
        .then((body: { features: Feature[] }) => onData(body.features))
        .catch(() => onData([]));
    },
    [filters, onData],
  );
  const map = useMapEvents({ moveend: () => load(map) });
  useEffect(() => load(map), [load, map]);
  return null;
}

/** The public map: the server sends clusters or at most 500 points for the viewport; a cluster zooms in. */
export default function ReportsMap({ tileUrl, filters, label, reportLabel }: Props) {
  const [features, setFeatures] = useState<Feature[]>([]);
  const [map, setMap] = useState<L.Map | null>(null);
  return (
    <MapContainer center={[55.75, 37.62]} zoom={11} className="map" ref={setMap} scrollWheelZoom={false}>
      <TileLayer url={tileUrl} attribution="&copy; OpenStreetMap contributors" />
      <MapName label={label} />
      <Loader filters={filters} onData={setFeatures} />
      {features.map((f) =>
        f.type === 'cluster' ? (
          <Marker
            key={`c${f.lat},${f.lng}`}
            position={[f.lat, f.lng]}
            icon={L.divIcon({ className: 'cluster-icon', html: String(f.count), iconSize: [40, 40] })}
            eventHandlers={{ click: () => map?.setView([f.lat, f.lng], map.getZoom() + 2) }}
            alt={String(f.count)}
          />
        ) : (
          <CircleMarker key={f.id} center={[f.lat, f.lng]} radius={7} pathOptions={{ color: f.overdue ? '#b3261e' : (statusColour[f.status] ?? '#0b5cad'), fillOpacity: 0.8 }}>
            <Popup>
              <a href={`/reports/${f.id}`}>{reportLabel(f.id)}</a>
            </Popup>
          </CircleMarker>
        ),
      )}
    </MapContainer>
  );
}
