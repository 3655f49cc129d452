export function findChromium(): Promise<{ path: string; source: string } | null>;
