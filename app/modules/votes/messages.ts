// The votes tool's UI text; app/utils/i18n.ts joins it to the rest. Russian must carry every key (checked by tsc).
export const votesEn = {
} as const;

export const votesRu: Record<keyof typeof votesEn, string> = {
};
