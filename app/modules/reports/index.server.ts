// What other tools may call of Reports (ADR 037): filing and reading reports, the league, and photo processing.
export { departmentLeague } from './league.server';
export { processPhoto, processPhotos, type PhotoError, type ProcessedPhoto } from './photos.server';
export { getReport, listReports, type ReportRow } from './queries.server';
export { isPublicReport } from './map-schema';
export { submitReport, type SubmitFailure } from './submit-report.server';
export { areaEntries, areaEntryTitle, areaQuery, type Area, type AreaEntry } from './area-feed.server';
