/**
 * Reading the JSON text columns this server writes (variables, UTM, office
 * hours…): anything unreadable is treated as the fallback, never thrown.
 */
export function parseJsonObject<T extends object | null = Record<string, string | number | boolean>>(text: string | null | undefined, fallback: T = {} as T): T {
  if (!text) return fallback;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

export function parseJsonStrings(text: string | null | undefined): string[] {
  try {
    const value: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
