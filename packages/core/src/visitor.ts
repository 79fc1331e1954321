import { z } from 'zod';
import { PAGE_FIELD_MAX_LENGTH } from './limits.js';

export const DeviceTypeSchema = z.enum(['desktop', 'mobile', 'tablet', 'unknown']);
export type DeviceType = z.infer<typeof DeviceTypeSchema>;

export const PageViewSchema = z.object({
  url: z.string().max(PAGE_FIELD_MAX_LENGTH),
  title: z.string().max(PAGE_FIELD_MAX_LENGTH).default(''),
  referrer: z.string().max(PAGE_FIELD_MAX_LENGTH).default(''),
});
export type PageView = z.infer<typeof PageViewSchema>;

export const ContactSchema = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  properties: z.record(z.string(), z.string()),
});
export type Contact = z.infer<typeof ContactSchema>;

export const VisitorSchema = z.object({
  id: z.string(),
  websiteId: z.string(),
  displayName: z.string(),
  language: z.string().nullable(),
  device: z.object({
    type: DeviceTypeSchema,
    browser: z.string().nullable(),
    os: z.string().nullable(),
    userAgent: z.string().nullable(),
  }),
  currentPage: PageViewSchema.nullable(),
  recentPages: z.array(PageViewSchema.extend({ at: z.string() })),
  visitCount: z.number().int().nonnegative(),
  pageViewCount: z.number().int().nonnegative(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  online: z.boolean(),
  contact: ContactSchema,
});
export type Visitor = z.infer<typeof VisitorSchema>;

/** A new visit starts when the visitor was away longer than this. */
export const VISIT_GAP_MS = 30 * 60 * 1000;

/** Pure rule: does a page view at `now` start a new visit? */
export function isNewVisit(lastSeenAt: Date | null, now: Date): boolean {
  return lastSeenAt === null || now.getTime() - lastSeenAt.getTime() > VISIT_GAP_MS;
}

const ADJECTIVES = ['Amber', 'Blue', 'Coral', 'Dusky', 'Emerald', 'Fuchsia', 'Golden', 'Hazel', 'Indigo', 'Jade', 'Khaki', 'Lilac', 'Mint', 'Navy', 'Olive', 'Pearl', 'Quartz', 'Ruby', 'Silver', 'Teal'];
const ANIMALS = ['Otter', 'Falcon', 'Panda', 'Lynx', 'Heron', 'Koala', 'Fox', 'Wren', 'Bison', 'Gecko', 'Ibis', 'Marten', 'Newt', 'Orca', 'Puffin', 'Quail', 'Robin', 'Seal', 'Tapir', 'Yak'];

/** A stable, friendly pseudonym for an anonymous visitor ("Teal Otter"), derived from its id. */
export function visitorPseudonym(visitorId: string): string {
  let h = 2166136261;
  for (let i = 0; i < visitorId.length; i++) {
    h ^= visitorId.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return `${ADJECTIVES[h % ADJECTIVES.length]} ${ANIMALS[(h >>> 8) % ANIMALS.length]}`;
}
