// Start-up options of the Data API gateway (src/data-api/gateway.ts) and secret masking (redact.ts).
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { startDataApiGateway } from '../../src/data-api/gateway.js';
import { maskMongoUri, secretRedactor } from '../../src/redact.js';
import { MongoDouble } from '../support/mongo-double/server.js';
import { call, TARGET } from './harness.js';

describe('startDataApiGateway options', () => {
  it('refuses to start without an API key unless allowNoAuth is explicit', async () => {
    await expect(startDataApiGateway({ mongoUri: 'mongodb://127.0.0.1:1/' })).rejects.toThrow(UsageError);
    await expect(startDataApiGateway({ mongoUri: 'mongodb://127.0.0.1:1/', apiKey: '' })).rejects.toThrow(/API key/);
  });

  it('with allowNoAuth serves without a key', async () => {
    const double = await MongoDouble.start();
    const gateway = await startDataApiGateway({ mongoUri: double.uri, allowNoAuth: true });
    try {
      expect(gateway.url).toBe(`http://127.0.0.1:${gateway.port}`);
      const reply = await call(gateway.url, 'find', TARGET, { noKey: true });
      expect(reply.status).toBe(200);
    } finally {
      await gateway.close();
      await gateway.close(); // idempotent
      await double.stop();
    }
  });

  it('rejects an invalid connection string without echoing its password', async () => {
    const attempt = startDataApiGateway({ mongoUri: 'mongodb://user:hunter2secret@/?bogus', apiKey: 'k' });
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.not.toThrow(/hunter2secret/);
  });

  it('reports a busy port as a listen error', async () => {
    const first = await startDataApiGateway({ mongoUri: 'mongodb://127.0.0.1:1/', apiKey: 'k' });
    try {
      await expect(startDataApiGateway({ mongoUri: 'mongodb://127.0.0.1:1/', apiKey: 'k', port: first.port })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await first.close();
    }
  });
});

describe('secret masking', () => {
  it('masks the password and secret-looking parameters, keeps the rest', () => {
    expect(maskMongoUri('mongodb://127.0.0.1:27017/')).toBe('mongodb://127.0.0.1:27017/');
    expect(maskMongoUri('mongodb://app:p%40ss@db1:27017,db2:27017/app?authSource=admin')).toBe(
      'mongodb://app:***@db1:27017,db2:27017/app?authSource=admin',
    );
    expect(maskMongoUri('mongodb+srv://app:pw@cluster0.example.net/?tlsCertificateKeyFilePassword=abc&w=majority')).toBe(
      'mongodb+srv://app:***@cluster0.example.net/?tlsCertificateKeyFilePassword=***&w=majority',
    );
    expect(maskMongoUri('mongodb://onlyuser@h/')).toBe('mongodb://onlyuser@h/');
  });

  it('the redactor removes the API key and the URI password (encoded and decoded) from any text', () => {
    const redact = secretRedactor({ mongoUri: 'mongodb://app:p%40ssw0rd@db/', apiKey: 'key-123456' });
    expect(redact('uri mongodb://app:p%40ssw0rd@db/ key key-123456 raw p@ssw0rd enc p%40ssw0rd')).toBe(
      'uri mongodb://app:***@db/ key *** raw *** enc ***',
    );
  });
});
