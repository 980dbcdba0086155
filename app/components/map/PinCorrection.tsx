import { lazy, Suspense, useCallback, useState } from 'react';
import { Field } from '#app/components/forms/Field';
import { ClientOnly } from '#app/components/map/ClientOnly';
import { useRootData, useT } from '#app/utils/use-app';

const PinMap = lazy(() => import('#app/components/map/PinMap.client'));

/**
 * A moderator's correction of a report's pin: two coordinate fields (empty keeps the pin; they are the form's truth
 * and work without JavaScript) and, in the browser, a map whose pin starts at the report's place and fills them when dragged.
 */
export function PinCorrection({ reportId, current, typed, errors }: { reportId: number; current: [number, number]; typed: [string, string]; errors: { lat?: string; lng?: string } }) {
  const { t } = useT();
  const root = useRootData();
  const [lat, setLat] = useState(typed[0]);
  const [lng, setLng] = useState(typed[1]);
  // A queue holds 20 reports: a map is made only for the one the moderator asks to move.
  const [showMap, setShowMap] = useState(false);
  const moved = lat && lng && Number.isFinite(Number(lat)) && Number.isFinite(Number(lng)) ? ([Number(lat), Number(lng)] as [number, number]) : null;
  const onPin = useCallback((p: [number, number]) => {
    setLat(p[0].toFixed(6));
    setLng(p[1].toFixed(6));
  }, []);
  return (
    <fieldset className="pin-correction" aria-describedby={`pin-hint-${reportId}`}>
      <legend>{t('reports.correctPin')}</legend>
      <p className="field__hint" id={`pin-hint-${reportId}`}>{t('reports.correctPinHint', { lat: current[0].toFixed(5), lng: current[1].toFixed(5) })}</p>
      <ClientOnly>
        {() =>
          showMap ? (
            <Suspense fallback={null}>
              <PinMap tileUrl={root?.env.MAP_TILE_URL ?? ''} center={current} value={moved ?? current} onChange={onPin} label={t('reports.pinOfReport', { id: reportId })} />
            </Suspense>
          ) : (
            <p>
              <button type="button" className="button button--secondary" onClick={() => setShowMap(true)}>{t('reports.movePinOnMap')}<span className="visually-hidden"> {reportId}</span></button>
            </p>
          )
        }
      </ClientOnly>
      <div className="row">
        <Field id={`lat-${reportId}`} name="lat" type="text" inputMode="decimal" label={t('reports.latitude')} error={errors.lat} value={lat} onChange={(e) => setLat(e.target.value)} />
        <Field id={`lng-${reportId}`} name="lng" type="text" inputMode="decimal" label={t('reports.longitude')} error={errors.lng} value={lng} onChange={(e) => setLng(e.target.value)} />
      </div>
    </fieldset>
  );
}
