import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/**
 * Names the map for assistive technology. Leaflet makes its container focusable, but react-leaflet's MapContainer
 * passes only className, id and style to that element, so an `aria-label` prop given to it is dropped. Rendered
 * inside a MapContainer, this sets the name (and the region role an accessible name needs on a div) on the container.
 */
export function MapName({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', label);
  }, [map, label]);
  return null;
}
