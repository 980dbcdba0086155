// /reports/feed.atom?district=<id> or ?lat=…&lng=…&radius=<metres>: an area's Atom feed of new reports and answers
// (ADR 049), linked from the area's report list.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listDistricts } from '#app/modules/city/queries.server';
import { areaFeed, type Area } from '#app/modules/reports/area-feed.server';
import { areaFeedQuerySchema } from '#app/modules/reports/schemas';
import { getTranslator } from '#app/utils/locale.server';
import { localName } from '#app/utils/i18n';
import { searchParamsOf } from '#app/utils/search-params.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const query = await searchParamsOf(request, areaFeedQuerySchema);
  const { t, locale } = await getTranslator(request);
  let area: Area;
  let areaName: string;
  if ('district' in query) {
    const district = (await listDistricts()).find((d) => d.id === query.district);
    if (!district) throw Response.json({ fields: { district: t('errors.invalid') } }, { status: 404 });
    area = { districtId: district.id };
    areaName = localName(locale, district);
  } else {
    area = query;
    areaName = t('feed.radius', { radius: query.radius, lat: query.lat, lng: query.lng });
  }
  const body = await areaFeed(area, { locale, areaName });
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' } });
}
