import { ConfigError, loadConfig } from './config';

const minimal = { DATABASE_URL: 'postgres://postgres@localhost:5432/switchboard', REDIS_URL: 'redis://localhost:6379' };

describe('loadConfig', () => {
  it('fills in defaults around the two required URLs', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({ apiPort: 4000, redisPrefix: 'sb', sessionTtlHours: 12, lockoutMinutes: 30, nodeEnv: 'development' });
  });

  it('names every missing variable', () => {
    expect(() => loadConfig({})).toThrow(new ConfigError('Invalid configuration: DATABASE_URL is required but not set; REDIS_URL is required but not set'));
  });

  it('names a wrong value and says what is expected', () => {
    expect(() => loadConfig({ ...minimal, API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => loadConfig({ ...minimal, REDIS_URL: 'http://localhost:6379' })).toThrow(/REDIS_URL must be a URL starting with redis:\/\/ or rediss:\/\//);
    expect(() => loadConfig({ ...minimal, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('treats an empty variable as not set', () => {
    expect(loadConfig({ ...minimal, API_PORT: '' }).apiPort).toBe(4000);
  });
});
