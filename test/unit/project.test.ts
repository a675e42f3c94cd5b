import { describe, expect, it } from 'vitest';
import { localSettings, type ExtensionProject } from '../../src/project/project.js';

const project: ExtensionProject = {
  dir: '/work/demo',
  slug: 'demo',
  packageName: 'connect_ext',
  entryPoints: {},
  dependencies: ['connect-eaas-core', 'pymongo'],
  services: ['demo_dev', 'mongo'],
  envFile: '.demo_dev.env',
  storage: 'mongo-driver',
  dockerfiles: ['Dockerfile'],
};

describe('local settings', () => {
  const envFile = { MONGODB_URI: 'mongodb://mongo:27017/', DB: 'events', API_KEY: 'ApiKey SU-1:x', TEST_MONGODB_URI: 'mongodb://mongo:27017/' };

  it('takes flags, then the environment, then the env file, and never the runner credentials', () => {
    const settings = localSettings({ DB: 'from_flag' }, { DB: 'from_env', API_KEY: 'env key' }, envFile, project);
    expect(settings.get('DB')).toBe('from_flag');
    expect(localSettings({}, { DB: 'from_env' }, envFile, project).get('DB')).toBe('from_env');
    expect(localSettings({}, {}, envFile, project).get('DB')).toBe('events');
    expect(settings.get('API_KEY')).toBeUndefined();
  });

  it('sets aside env-file hosts that only resolve inside compose, and says so unless something replaces them', () => {
    const plain = localSettings({}, {}, envFile, project);
    expect(plain.get('MONGODB_URI')).toBeUndefined();
    expect([...plain.notes.values()]).toEqual([expect.stringContaining('MONGODB_URI from .demo_dev.env names a docker compose service')]);
    expect(plain.setAside).toEqual({ MONGODB_URI: 'mongodb://mongo:27017/', TEST_MONGODB_URI: 'mongodb://mongo:27017/' });
    const flagged = localSettings({ MONGODB_URI: 'mongodb://127.0.0.1:27017/' }, {}, envFile, project);
    expect(flagged.get('MONGODB_URI')).toBe('mongodb://127.0.0.1:27017/');
    expect(flagged.notes.size).toBe(0);
    expect(localSettings({}, { MONGODB_URI: 'mongodb://db.example:27017/' }, envFile, project).notes.size).toBe(0);
  });
});
