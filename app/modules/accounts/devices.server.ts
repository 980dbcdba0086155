// What the cabinet's device list says about a session: the browser and system from its User-Agent (ua-parser-js),
// and whether it signed in from a local network. No geolocation: the app has no database of addresses and asks no one.
import { BlockList, isIP } from 'node:net';
import { UAParser } from 'ua-parser-js';

export type Device = { browser: string | null; os: string | null; localNetwork: boolean };

// Private, loopback, link-local and unique-local ranges (RFC 1918, 4193, 3927, 6598 shared address space included).
const local = new BlockList();
for (const [address, prefix] of [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['127.0.0.0', 8], ['169.254.0.0', 16], ['100.64.0.0', 10]] as const) local.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) local.addSubnet(address, prefix, 'ipv6');

/** Whether an address is on a local network (an IPv4-mapped IPv6 address counts as its IPv4 one). */
export function isLocalAddress(ip: string | null): boolean {
  if (!ip) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  const family = isIP(address);
  return family !== 0 && local.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export function describeDevice(userAgent: string | null, ip: string | null): Device {
  const result = userAgent ? new UAParser(userAgent).getResult() : null;
  // "Mobile Chrome" on Android reads as "Chrome on Android": the system already says it is a phone.
  const browser = result?.browser.name?.replace(/^Mobile /, '') ?? null;
  return { browser, os: result?.os.name ?? null, localNetwork: isLocalAddress(ip) };
}
