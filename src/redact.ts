/**
 * Keeping secrets out of what the CLI prints: API keys and the credentials in
 * the MongoDB connection string must never reach a response, a log line or the console.
 */

const MASK = '***';
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i;
const SENSITIVE_PARAM = /([?&][^=&#]*(?:password|secret|token|key|credential)[^=&#]*=)[^&#]*/gi;

/**
 * A connection string fit for display: the password (and secret-looking query parameters such
 * as `tlsCertificateKeyFilePassword` or `authMechanismProperties=AWS_SESSION_TOKEN:...`) masked,
 * the user name kept.
 */
export function maskMongoUri(uri: string): string {
  return uri
    .replace(USERINFO, (_match, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return `${scheme}${colon === -1 ? userinfo : `${userinfo.slice(0, colon)}:${MASK}`}@`;
    })
    .replace(SENSITIVE_PARAM, `$1${MASK}`);
}

/** The password in a connection string's userinfo, as written (percent-encoded) and decoded. */
function uriPasswords(uri: string): string[] {
  const userinfo = USERINFO.exec(uri)?.[2];
  const colon = userinfo?.indexOf(':') ?? -1;
  if (userinfo === undefined || colon === -1) return [];
  const raw = userinfo.slice(colon + 1);
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // keep the raw form only
  }
  return [raw, decoded];
}

/** Returns a function that masks every occurrence of the given secrets (and the URI's password) in a text. */
export function secretRedactor(options: { mongoUri: string; apiKey?: string | undefined }): (text: string) => string {
  const secrets = [...new Set([options.apiKey ?? '', ...uriPasswords(options.mongoUri)])]
    .filter((secret) => secret.length >= 3)
    .sort((a, b) => b.length - a.length);
  const masked = maskMongoUri(options.mongoUri);
  return (text) => {
    let out = text.split(options.mongoUri).join(masked);
    for (const secret of secrets) out = out.split(secret).join(MASK);
    return out;
  };
}
