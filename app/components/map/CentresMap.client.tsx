import L from 'leaflet';
import { MapContainer, Marker, Popup, TileLayer } from 'react-leaflet';
import { MapName } from './MapName';
import iconUrl from 'leaflet/dist/images/marker-icon.png?url';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png?url';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png?url';

const pinIcon = L.icon({ iconUrl, iconRetinaUrl, shadowUrl, iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [0, -36] });

type Centre = { id: number; name: string; address: string; latitude: number; longitude: number };

/** The centres as pins, each opening its name and a link to its page; the list beside it says the same without the map. */
export default function CentresMap({ tileUrl, centres, label }: { tileUrl: string; centres: Centre[]; label: string }) {
  const bounds = centres.length ? L.latLngBounds(centres.map((c) => [c.latitude, c.longitude] as [number, number])).pad(0.2) : undefined;
  return (
    <MapContainer bounds={bounds} center={bounds ? undefined : [55.75, 37.62]} zoom={bounds ? undefined : 11} className="map" scrollWheelZoom={false}>
      <TileLayer url={tileUrl} attribution="&copy; OpenStreetMap contributors" />
      <MapName label={label} />
      {centres.map((c) => (
        <Marker key={c.id} position={[c.latitude, c.longitude]} icon={pinIcon} alt={c.name}>
          <Popup>
            <a href={`/centres/${c.id}`}>{c.name}</a>
            <br />
            {c.address}
          </Popup>
        </Marker>
      ))}
    </MapContainer>
  );
}
