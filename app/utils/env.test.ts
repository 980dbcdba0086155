import { describe, expect, it } from 'vitest';

// env.server.ts parses process.env when imported; the defaults must run the local demo.
const { parseEnv } = await import('./env.server');

describe('parseEnv', () => {
  it('runs the local demo on defaults', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.*54329/);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:63799');
    expect(env.PORT).toBe(3000);
  });

  it('names the bad variable', () => {
    expect(() => parseEnv({ PORT: 'eighty', REDIS_URL: 'http://nope' })).toThrow(/PORT[\s\S]*REDIS_URL|REDIS_URL[\s\S]*PORT/);
  });

  it('refuses the demo session secret in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: must be set to a private value in production/);
  });

  it('asks for the public address in production, where e-mailed links must not point at a guess', () => {
    const secret = 'a-private-secret-that-is-long-enough-for-production';
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret })).toThrow(/APP_URL: must be set in production/);
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret, APP_URL: 'https://vmeste.example.city' }).APP_URL).toBe('https://vmeste.example.city');
    expect(parseEnv({}).APP_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  });

  it('credits 5 points for an idea and 3 for a report unless told otherwise, 0 switching them off', () => {
    expect(parseEnv({})).toMatchObject({ POINTS_FOR_IDEA: 5, POINTS_FOR_REPORT: 3 });
    expect(parseEnv({ POINTS_FOR_IDEA: '0', POINTS_FOR_REPORT: '10' })).toMatchObject({ POINTS_FOR_IDEA: 0, POINTS_FOR_REPORT: 10 });
    expect(() => parseEnv({ POINTS_FOR_REPORT: '-3' })).toThrow(/POINTS_FOR_REPORT/);
  });
});
