import Bowser from 'bowser';
import type { DeviceType } from '@parley/core';

export interface VisitorDevice {
  type: DeviceType;
  browser: string | null;
  os: string | null;
}

/** Device type, browser and OS from a User-Agent header. */
export function parseVisitorDevice(userAgent: string | undefined): VisitorDevice {
  if (!userAgent) return { type: 'unknown', browser: null, os: null };
  const parsed = Bowser.parse(userAgent);
  const platform = parsed.platform.type;
  const type: DeviceType =
    platform === 'mobile' ? 'mobile' : platform === 'tablet' ? 'tablet' : platform === 'desktop' ? 'desktop' : 'unknown';
  const browser = parsed.browser.name ? `${parsed.browser.name}${parsed.browser.version ? ` ${parsed.browser.version.split('.')[0]}` : ''}` : null;
  const os = parsed.os.name ? `${parsed.os.name}${parsed.os.versionName ? ` ${parsed.os.versionName}` : parsed.os.version ? ` ${parsed.os.version}` : ''}` : null;
  return { type, browser, os };
}
