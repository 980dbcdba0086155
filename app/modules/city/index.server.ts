// What other tools may call of City (ADR 037): categories, departments and the working-day calendar.
export { holidaySet } from './holidays.server';
export { cityOutline, listCategories, listDepartments, listDistricts, type CityOutline } from './queries.server';
export { addWorkingDays } from './working-days';
export { addressById, searchAddresses, type AddressMatch } from './addresses.server';
