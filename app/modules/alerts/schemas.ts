// The area alerts' forms (ADR 056), client-safe: where to watch (a district, an address of the registry, a report's
// place, or a point), how far around it, and for someone without an account the e-mail to confirm.
import { z } from 'zod';
import { emailField, idText, intField, msg, requiredText } from '#app/utils/forms';

/** The radii offered (metres); the schema takes any whole number within the feed's bounds. */
export const alertRadii = [250, 500, 1000, 2000] as const;
export const alertRadiusMin = 50;
export const alertRadiusMax = 5000;
/** How many alerts one person or one e-mail address may hold. */
export const alertsPerPerson = 10;

const coordinate = (min: number, max: number) =>
  z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .regex(/^-?\d{1,3}(\.\d{1,12})?$/, msg('errors.invalid'))
    .transform(Number)
    .pipe(z.number().min(min, msg('errors.invalid')).max(max, msg('errors.invalid')));

const radius = () => intField(alertRadiusMin, alertRadiusMax);

/** Where the alert watches. `where` says which of the fields count; the others are ignored. */
export const alertAreaSchema = z.discriminatedUnion(
  'where',
  [
    z.object({ where: z.literal('district'), district: idText({ message: msg('alerts.chooseDistrict') }) }),
    z.object({ where: z.literal('address'), address: requiredText(200), radius: radius() }),
    z.object({ where: z.literal('report'), report: idText({ max: Number.MAX_SAFE_INTEGER }), radius: radius() }),
    z.object({ where: z.literal('point'), lat: coordinate(-90, 90), lng: coordinate(-180, 180), radius: radius() }),
  ],
  { error: msg('alerts.chooseWhere') },
);
export type AlertAreaInput = z.output<typeof alertAreaSchema>;

/** Someone without an account also gives the address the digest goes to (confirmed by e-mail first). */
export const alertEmailSchema = z.object({ email: emailField() });

/** The cabinet's buttons on one alert. */
export const manageAlertSchema = z.object({ alert: idText(), intent: z.enum(['pause', 'resume', 'delete'], { error: msg('errors.choice') }) });
/** The same buttons on the page of a digest's signed "manage" link (ADR 062): the link names the alert. */
export const manageAlertByLinkSchema = manageAlertSchema.pick({ intent: true });
