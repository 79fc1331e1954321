/**
 * Country and city of a visitor's IP address, from the GeoLite2-derived
 * database shipped inside the `fast-geoip` package (read from disk, lazily, no
 * network). Private, loopback and unknown addresses have no location.
 * The data is GeoLite2 by MaxMind (CC BY-SA 4.0), see docs/targeting.md.
 */
import { isIP } from 'node:net';
import geoip from 'fast-geoip';

export interface GeoLocation {
  country: string | null;
  city: string | null;
}

/** Strips the IPv4-mapped IPv6 prefix ("::ffff:1.2.3.4"). */
function plainIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

export async function lookupIp(ip: string | undefined): Promise<GeoLocation | null> {
  if (!ip) return null;
  const address = plainIp(ip.trim());
  if (isIP(address) !== 4) return null; // the shipped database covers IPv4
  try {
    const found = await geoip.lookup(address);
    if (!found) return null;
    return { country: found.country || null, city: found.city || null };
  } catch {
    return null;
  }
}
