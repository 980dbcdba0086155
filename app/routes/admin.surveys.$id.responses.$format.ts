import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireSurveyManager } from '#app/modules/surveys/access.server';
import { exportColumns, exportRows } from '#app/modules/surveys/results.server';
import { csvStream, jsonStream } from '#app/utils/streams.server';
import { idParam, serialMax } from '#app/utils/route-params';

/** Every response of a survey, one row each, without who answered: /admin/surveys/<id>/responses/csv or /json. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey } = await requireSurveyManager(request, idParam(params.id, serialMax));
  const format = params.format;
  if (format !== 'csv' && format !== 'json') throw new Response('Not found', { status: 404 });
  const headers = { 'Content-Disposition': `attachment; filename="vmeste-survey-${survey.id}.${format}"`, 'Cache-Control': 'private, no-store' };
  if (format === 'csv') return new Response(csvStream(exportRows(survey), ['response', ...exportColumns(survey)]), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
  return new Response(jsonStream(exportRows(survey), (row) => row), { headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
}
