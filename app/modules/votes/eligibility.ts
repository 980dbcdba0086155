import type { MessageKey } from '#app/utils/i18n';

export type Audience = { verifiedOnly: boolean; minAge: number | null; maxAge: number | null; districtIds: number[] };
export type Voter = { verified: boolean; districtId: number | null; birthYear: number | null };

/** Why a person may not vote in a ballot (a message key), or null when they may. Age is counted by year of birth. */
export function ineligibility(audience: Audience, voter: Voter, year = new Date().getUTCFullYear()): MessageKey | null {
  if (audience.verifiedOnly && !voter.verified) return 'votes.why.notVerified';
  if (audience.districtIds.length) {
    if (!voter.districtId) return 'votes.why.noDistrict';
    if (!audience.districtIds.includes(voter.districtId)) return 'votes.why.outsideDistricts';
  }
  if (audience.minAge !== null || audience.maxAge !== null) {
    if (!voter.birthYear) return 'votes.why.noBirthYear';
    const age = year - voter.birthYear;
    if (audience.minAge !== null && age < audience.minAge) return 'votes.why.tooYoung';
    if (audience.maxAge !== null && age > audience.maxAge) return 'votes.why.tooOld';
  }
  return null;
}
