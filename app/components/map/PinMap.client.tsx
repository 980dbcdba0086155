import L from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { Circle, MapContainer, Marker, TileLayer, useMapEvents } from 'react-leaflet';
import { MapName } from './MapName';

// Leaflet's default marker images are resolved relative to its CSS; point them at the bundled files.
import iconUrl from 'leaflet/dist/images/marker-icon.png?url';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png?url';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png?url';

const pinIcon = L.icon({ iconUrl, iconRetinaUrl, shadowUrl, iconSize: [25, 41], iconAnchor: [12, 41] });

/** `radius` (metres): a circle around the pin shows the area it stands for (an alert's, ADR 062). */
type Props = { tileUrl: string; center: [number, number]; value: [number, number] | null; onChange: (latLng: [number, number]) => void; label: string; radius?: number };

function ClickToPin({ onChange }: { onChange: Props['onChange'] }) {
  useMapEvents({ click: (e) => onChange([e.latlng.lat, e.latlng.lng]) });
  return null;
}

/** Drop a pin by clicking, drag it to adjust. The latitude/longitude fields stay the form's truth. */
export default function PinMap({ tileUrl, center, value, onChange, label, radius }: Props) {
  const [map, setMap] = useState<L.Map | null>(null);
  useEffect(() => {
    if (map && value) map.panTo(value);
  }, [map, value]);
  const handlers = useMemo(() => ({ dragend: (e: L.DragEndEvent) => onChange([(e.target as L.Marker).getLatLng().lat, (e.target as L.Marker).getLatLng().lng]) }), [onChange]);
  return (
    <MapContainer center={value ?? center} zoom={12} className="map" ref={setMap} scrollWheelZoom={false}>
      <TileLayer url={tileUrl} attribution="&copy; OpenStreetMap contributors" />
      <MapName label={label} />
      <ClickToPin onChange={onChange} />
      {value ? <Marker position={value} draggable icon={pinIcon} eventHandlers={handlers} alt={label} /> : null}
      {value && radius ? <Circle center={value} radius={radius} className="map__area" weight={2} /> : null}
    </MapContainer>
  );
}
