// Six "My Documents" centres, a catalogue of services by life situation, and a week of visits: booked through the
// real use-case on each past day as it was then, served through the electronic queue beside walk-in tickets (or
// marked missed at the desk), and rated by some of the people served (ADR 050). Deterministic; seeds once.
import { asc, eq } from 'drizzle-orm';
import { centreServices, centres, roleGrants, services as servicesTable, users, visits } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { bookVisit } from '#app/modules/centres/book-visit.server';
import { cityDays, slotsOn } from '#app/modules/centres/hours';
import { markVisit } from '#app/modules/centres/mark-visit.server';
import { callNext, checkInVisit, finishTicket, issueTicket } from '#app/modules/centres/queue.server';
import { giveFeedback } from '#app/modules/feedback/give-feedback.server';
import { feedbackSchema } from '#app/modules/feedback/schemas';
import { hoursOf } from '#app/modules/centres/queries.server';
import { saveCentre } from '#app/modules/centres/save-centre.server';
import { saveService } from '#app/modules/centres/save-service.server';
import { centreSchema, serviceSchema } from '#app/modules/centres/schemas';
import { holidaySet } from '#app/modules/city/index.server';
import { wallClockToInstant } from '#app/utils/time-zone';
import { demoPeople, pointInDistrict } from './demo-city';
import { DAY, rng } from './demo-time';

const services = [
  ['birth-certificate', 'birth', 'Свидетельство о рождении', 'Birth certificate', 'Регистрация рождения ребёнка и выдача свидетельства.', 'Registering a child\'s birth and issuing the certificate.', ['Паспорта родителей', 'Медицинская справка о рождении'], ['Parents\' passports', 'The hospital\'s birth record'], 20],
  ['child-allowance', 'birth', 'Пособие при рождении ребёнка', 'Birth allowance', 'Заявление на единовременное пособие.', 'Applying for the one-off birth allowance.', ['Паспорт', 'Свидетельство о рождении', 'Реквизиты счёта'], ['Passport', 'Birth certificate', 'Bank account details'], 15],
  ['registration', 'moving', 'Регистрация по месту жительства', 'Registering a new address', 'Постоянная регистрация после переезда.', 'Registering where you live after a move.', ['Паспорт', 'Документ о праве на жильё'], ['Passport', 'Proof of the right to live there'], 20],
  ['parking-permit', 'moving', 'Резидентное парковочное разрешение', 'Resident parking permit', 'Разрешение на парковку у дома.', 'A permit to park near your home.', ['Паспорт', 'СТС автомобиля'], ['Passport', 'Vehicle registration'], 10],
  ['passport', 'documents', 'Паспорт гражданина', 'Internal passport', 'Замена паспорта в 20 и 45 лет, при утере или смене фамилии.', 'Replacing the passport at 20 and 45, when lost, or after a change of name.', ['Старый паспорт', 'Две фотографии', 'Квитанция об оплате пошлины'], ['The old passport', 'Two photos', 'The fee receipt'], 25],
  ['foreign-passport', 'documents', 'Заграничный паспорт', 'Passport for travel abroad', 'Оформление заграничного паспорта.', 'Applying for a passport for travel abroad.', ['Паспорт', 'Квитанция об оплате пошлины'], ['Internal passport', 'The fee receipt'], 30],
  ['marriage', 'family', 'Регистрация брака', 'Registering a marriage', 'Подача заявления о регистрации брака.', 'Applying to register a marriage.', ['Паспорта обоих', 'Квитанция об оплате пошлины'], ['Both passports', 'The fee receipt'], 20],
  ['pension', 'retirement', 'Назначение пенсии', 'Claiming a pension', 'Заявление о назначении страховой пенсии.', 'Applying for the state pension.', ['Паспорт', 'СНИЛС', 'Трудовая книжка'], ['Passport', 'Insurance number', 'Employment record'], 30],
  ['social-card', 'retirement', 'Социальная карта', 'Social card', 'Карта для льготного проезда и скидок.', 'A card for free travel and discounts.', ['Паспорт', 'Фотография'], ['Passport', 'A photo'], 15],
  ['business-registration', 'business', 'Регистрация ИП', 'Registering as a sole trader', 'Государственная регистрация индивидуального предпринимателя.', 'Registering as a sole trader.', ['Паспорт', 'ИНН', 'Заявление по форме Р21001'], ['Passport', 'Tax number', 'Form P21001'], 30],
] as const;

const centreSpecs = [
  ['md-centralny', 'centralny', 'Мои документы — Центральный', 'My Documents — Central', 'ул. Ленина, 1', '1 Lenin St', 8, 'Пандус, лифт, кнопка вызова у входа, индукционная петля в окне 1.', 'Ramp, lift, call button at the door, hearing loop at window 1.'],
  ['md-north', 'severny', 'Мои документы — Северный', 'My Documents — North', 'Северный пр., 12', '12 Severny Ave', 5, 'Вход с уровня тротуара.', 'Step-free entrance.'],
  ['md-east', 'vostochny', 'Мои документы — Восточный', 'My Documents — East', 'ул. Восточная, 40', '40 Vostochnaya St', 4, null, null],
  ['md-south', 'yuzhny', 'Мои документы — Южный', 'My Documents — South', 'Южное ш., 7', '7 Yuzhnoye Hwy', 6, 'Пандус; парковка для людей с инвалидностью.', 'Ramp; disabled parking.'],
  ['md-west', 'zapadny', 'Мои документы — Западный', 'My Documents — West', 'Западный бул., 3', '3 Zapadny Blvd', 4, null, null],
  ['md-riverside', 'zarechny', 'Мои документы — Заречный', 'My Documents — Riverside', 'Набережная ул., 21', '21 Naberezhnaya St', 3, 'Вход по пандусу со двора.', 'Ramp entrance from the courtyard.'],
] as const;

export async function seedDemoCentres(): Promise<string> {
  const [existing] = await db.select({ id: centres.id }).from(centres).limit(1);
  if (existing) return 'already-seeded';
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoPeople.find((p) => p.role === 'admin')!.email));
  const adminId = admin!.id;
  const serviceIds: number[] = [];
  for (const [code, situation, nameRu, nameEn, descriptionRu, descriptionEn, documentsRu, documentsEn, durationMinutes] of services) {
    const input = serviceSchema.parse({ code, situation, nameRu, nameEn, descriptionRu, descriptionEn, documentsRu: [...documentsRu], documentsEn: [...documentsEn], durationMinutes });
    const saved = await saveService(adminId, input);
    if (!saved.ok) throw new Error(`seed: service ${code}`);
    serviceIds.push(saved.value.id);
  }
  const everyDay = '08:00-20:00';
  const centreIds: number[] = [];
  for (const [i, [code, district, nameRu, nameEn, addressRu, addressEn, windows, accessibilityRu, accessibilityEn]] of centreSpecs.entries()) {
    const [lng, lat] = pointInDistrict(district);
    const input = centreSchema.parse({
      code, nameRu, nameEn, addressRu, addressEn, latitude: String(lat), longitude: String(lng), windows: String(windows), slotMinutes: '15',
      accessibilityRu: accessibilityRu ?? '', accessibilityEn: accessibilityEn ?? '',
      // "Open 8 am–8 pm every day" (seed document 000); the smaller ones close early at weekends and on holidays.
      hours1: everyDay, hours2: everyDay, hours3: everyDay, hours4: everyDay, hours5: everyDay,
      hours6: i < 3 ? everyDay : '10:00-16:00', hours7: i < 3 ? everyDay : '', hours0: i === 0 ? '10:00-16:00' : '',
      serviceIds: serviceIds.filter((_, s) => i < 2 || s % (i + 1) !== 1).map(String),
    });
    const saved = await saveCentre(adminId, input);
    if (!saved.ok) throw new Error(`seed: centre ${code}: ${JSON.stringify(saved.errors)}`);
    centreIds.push(saved.value.id);
  }

  // A week at the centres: each past day, as it was that morning, residents book; through the day the booked ones
  // check in and walk-ins take tickets, the windows call and serve them in turn (so waits are what the queue made),
  // and some people rate the visit afterwards.
  const r = rng(17);
  const everyone = await db.select({ id: users.id, email: users.email }).from(users).orderBy(asc(users.email));
  const people = everyone.filter((u) => demoPeople.some((p) => p.email === u.email));
  const signInAs = new Set(people.map((p) => p.id));
  const staffIds = new Set((await db.select({ userId: roleGrants.userId }).from(roleGrants)).map((g) => g.userId));
  const visitors = [...people, ...everyone.filter((u) => !signInAs.has(u.id) && !staffIds.has(u.id)).slice(0, 60)];
  const [holidays, hours] = await Promise.all([holidaySet(), hoursOf(centreIds)]);
  const offered = await db.select({ centreId: centreServices.centreId, serviceId: centreServices.serviceId }).from(centreServices);
  const durations = new Map((await db.select({ id: servicesTable.id, minutes: servicesTable.durationMinutes }).from(servicesTable)).map((x) => [x.id, x.minutes]));
  const counts = { booked: 0, served: 0, noShow: 0, walkIns: 0, ratings: 0 };
  const ratings: { userId: string; visitId: number; stage: 'booked' | 'served'; waitMinutes: number; at: Date }[] = [];
  const days = cityDays(new Date(Date.now() - 7 * DAY), env.CITY_TIMEZONE, 7);
  for (const day of days) {
    const morning = wallClockToInstant(`${day}T07:00`, env.CITY_TIMEZONE)!;
    for (const centreId of centreIds) {
      const slots = slotsOn(hours.get(centreId) ?? [], day, holidays, 15);
      if (slots.length === 0) continue;
      const here = offered.filter((o) => o.centreId === centreId).map((o) => o.serviceId);
      type Arrival = { at: number; serviceId: number; visit?: { id: number; userId: string } };
      const arrivals: Arrival[] = [];
      for (const person of visitors) {
        if (r() < 0.88) continue;
        const slot = slots[Math.floor(r() * slots.length)]!;
        const serviceId = here[Math.floor(r() * here.length)]!;
        const booked = await bookVisit(person.id, centreId, { serviceId, slot }, morning);
        if (!booked.ok) continue;
        counts.booked++;
        // Booked that morning, as the demo's history has it.
        await db.update(visits).set({ createdAt: morning }).where(eq(visits.id, booked.value.visitId));
        if (r() < 0.2 && !signInAs.has(person.id)) ratings.push({ userId: person.id, visitId: booked.value.visitId, stage: 'booked', waitMinutes: 0, at: new Date(morning.getTime() + 10 * 60_000) });
        if (r() < 0.12) {
          const marked = await markVisit(adminId, centreId, booked.value.visitId, 'no_show');
          if (marked.ok) counts.noShow++;
          continue;
        }
        // People come up to ten minutes early for their slot.
        arrivals.push({ at: wallClockToInstant(slot, env.CITY_TIMEZONE)!.getTime() - Math.floor(r() * 10) * 60_000, serviceId, visit: { id: booked.value.visitId, userId: person.id } });
      }
      const first = wallClockToInstant(slots[0]!, env.CITY_TIMEZONE)!.getTime();
      const last = wallClockToInstant(slots[slots.length - 1]!, env.CITY_TIMEZONE)!.getTime();
      for (let n = 6 + Math.floor(r() * 10); n > 0; n--) arrivals.push({ at: first + r() * (last - first), serviceId: here[Math.floor(r() * here.length)]! });
      arrivals.sort((a, b) => a.at - b.at);
      // The windows serve one after another: each arrival goes to the window free first, when it is free.
      const freeAt = Array.from({ length: 3 }, () => first);
      for (const a of arrivals) {
        const at = new Date(a.at);
        const issued = a.visit ? await checkInVisit(adminId, centreId, a.visit.id, at) : await issueTicket(adminId, centreId, a.serviceId, at);
        if (!issued.ok) continue;
        const window = freeAt.indexOf(Math.min(...freeAt));
        const calledAt = new Date(Math.max(a.at, freeAt[window]!));
        const called = await callNext(adminId, centreId, window + 1, calledAt);
        if (!called.ok || !called.value) continue;
        const finishedAt = new Date(calledAt.getTime() + Math.round((durations.get(a.serviceId) ?? 15) * (0.6 + r() * 0.8)) * 60_000);
        const finished = await finishTicket(adminId, centreId, called.value.ticketId, 'served', finishedAt);
        if (!finished.ok) continue;
        freeAt[window] = finishedAt.getTime();
        if (!a.visit) counts.walkIns++;
        else {
          counts.served++;
          if (r() < 0.6 && !signInAs.has(a.visit.userId)) ratings.push({ userId: a.visit.userId, visitId: a.visit.id, stage: 'served', waitMinutes: (calledAt.getTime() - a.at) / 60_000, at: new Date(finishedAt.getTime() + (1 + r() * 20) * 3_600_000) });
        }
      }
    }
  }
  // The ratings: a long wait pulls the waiting time and the overall score down; most rate only some dimensions.
  const now = Date.now();
  for (const x of ratings.filter((x) => x.at.getTime() < now)) {
    const mood = x.waitMinutes > 30 ? -1.5 : x.waitMinutes > 15 ? -0.7 : 0.3;
    const draw = (bias: number) => String(Math.max(1, Math.min(5, Math.round(3.9 + mood + bias + (r() - 0.5) * 2.4))));
    const maybe = (bias: number) => (r() < 0.7 ? draw(bias) : '');
    const input = feedbackSchema.parse({ subject: 'visit', subjectId: String(x.visitId), stage: x.stage, score: draw(0), clarity: maybe(0.2), speed: maybe(-0.2), conduct: maybe(0.6), waiting: x.stage === 'served' ? maybe(-0.6 + mood) : '', result: maybe(0.3) });
    const given = await giveFeedback(x.userId, input);
    if (!given.ok) throw new Error(`seed: visit rating ${x.visitId}: ${JSON.stringify(given.errors)}`);
    await sql`UPDATE feedback SET created_at = ${x.at.toISOString()}::timestamptz WHERE user_id = ${x.userId} AND subject = 'visit' AND subject_id = ${x.visitId} AND stage = ${x.stage}`;
    counts.ratings++;
  }
  // One coming visit for the demo resident, far enough ahead that no reminder is due while the demo is explored.
  const resident = people.find((p) => p.email === 'resident@demo.vmeste.city');
  const [later] = cityDays(new Date(Date.now() + 5 * DAY), env.CITY_TIMEZONE, 1);
  if (resident) await bookVisit(resident.id, centreIds[0]!, { serviceId: serviceIds[4]!, slot: `${later}T10:00` });
  return `${centreIds.length} centres, ${serviceIds.length} services, ${counts.booked} past visits (${counts.served} served, ${counts.noShow} missed), ${counts.walkIns} walk-ins, ${counts.ratings} ratings`;
}
