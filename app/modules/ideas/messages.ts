// The ideas tool's UI text; app/utils/i18n.ts joins it to the rest. Russian must carry every key (checked by tsc).
export const ideasEn = {
} as const;

export const ideasRu: Record<keyof typeof ideasEn, string> = {
};
