import { z } from 'zod';
import { URL_MAX_LENGTH } from '../limits.js';

/** An absolute http(s) URL: never `javascript:`, `data:` or a relative path. */
export const HttpUrlSchema = z
  .string()
  .max(URL_MAX_LENGTH, `URL must be at most ${URL_MAX_LENGTH} characters`)
  .refine(isHttpUrl, 'Must be a full web address starting with http:// or https://');

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
