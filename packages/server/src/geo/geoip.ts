/**
 * Country and city of a visitor's IP address, from the GeoLite2-derived
 * database shipped inside the `fast-geoip` package (read from disk, lazily, no
 * network). Private, loopback and unknown addresses have no location.
 * The data is GeoLite2 by MaxMind (CC BY-SA 4.0), see docs/targeting.md.
 */
import { BlockList, isIP } from 'node:net';
import geoip from 'fast-geoip';

export interface GeoLocation {
  country: string | null;
  city: string | null;
}

/**
 * Addresses that are not on the public internet. The database answers the
 * nearest range for them (127.0.0.1 "is" in Japan), so they are never looked up.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}

/** Strips the IPv4-mapped IPv6 prefix ("::ffff:1.2.3.4"). */
function plainIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

export async function lookupIp(ip: string | undefined): Promise<GeoLocation | null> {
  if (!ip) return null;
  const address = plainIp(ip.trim());
  if (isIP(address) !== 4) return null; // the shipped database covers IPv4
  if (NOT_PUBLIC.check(address, 'ipv4')) return null;
  try {
    const found = await geoip.lookup(address);
    if (!found) return null;
    return { country: found.country || null, city: found.city || null };
  } catch {
    return null;
  }
}
