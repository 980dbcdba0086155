import { describe, expect, it } from 'vitest';
import { describeDevice, isLocalAddress } from './devices.server';

describe('a device in the cabinet', () => {
  it('is named by its browser and system, not its raw User-Agent', () => {
    const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
    expect(describeDevice(android, '203.0.113.7')).toEqual({ browser: 'Chrome', os: 'Android', localNetwork: false });
    const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    expect(describeDevice(iphone, null)).toMatchObject({ browser: 'Safari', os: 'iOS' });
    const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
    expect(describeDevice(firefox, '192.168.1.20')).toEqual({ browser: 'Firefox', os: 'Windows', localNetwork: true });
  });

  it('is unknown when the browser sent no User-Agent or one no parser knows', () => {
    expect(describeDevice(null, null)).toEqual({ browser: null, os: null, localNetwork: false });
    expect(describeDevice('curl-ish', null)).toMatchObject({ os: null });
  });
});

describe('a local network address', () => {
  it('is a private, loopback or link-local one, IPv4 or IPv6', () => {
    for (const ip of ['10.1.2.3', '172.20.0.1', '192.168.0.10', '127.0.0.1', '::1', 'fd12:3456::1', 'fe80::1', '::ffff:10.0.0.5']) expect(isLocalAddress(ip), ip).toBe(true);
  });

  it('is not a public one, nor nonsense', () => {
    for (const ip of ['203.0.113.7', '8.8.8.8', '172.32.0.1', '2001:db8::1', '::ffff:8.8.8.8', 'not-an-ip', null]) expect(isLocalAddress(ip), String(ip)).toBe(false);
  });
});
