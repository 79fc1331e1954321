import { describe, expect, it } from 'vitest';
import { lookupIp } from './geoip.js';

describe('lookupIp', () => {
  it('finds the country of a public address in the shipped database, with no network', async () => {
    expect(await lookupIp('8.8.8.8')).toMatchObject({ country: 'US' });
    expect(await lookupIp('::ffff:8.8.8.8')).toMatchObject({ country: 'US' });
    const prague = await lookupIp('77.75.79.222');
    expect(prague?.country).toBe('CZ');
  });

  it('has no location for private, loopback, IPv6 or malformed addresses', async () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '192.168.0.10', '::1', '2001:db8::1', 'not-an-ip', '', undefined]) {
      expect(await lookupIp(ip)).toBeNull();
    }
  });
});
