import * as z from 'zod/mini';
import { EVENT_CATALOG } from '../catalog/events.js';

/** What the validators need from one of Connect's event definitions. */
export interface EventDefinitionInfo {
  type: string;
  /** background | interactive, when known. */
  category?: string;
  /** Extension types the event is offered to; empty when the source does not say. */
  extensionTypes: readonly string[];
  /** The API's `object_statuses`. */
  statuses: readonly string[];
}

/** Keyed by event type, like the `event_definitions` context of connect-eaas-core's validators. */
export type EventDefinitions = ReadonlyMap<string, EventDefinitionInfo>;

export const DEFAULT_SERVER_ADDRESS = 'api.connect.cloudblue.com';

export function bundledDefinitions(): EventDefinitions {
  return new Map(
    EVENT_CATALOG.map((event) => [
      event.type,
      { type: event.type, category: event.category, extensionTypes: event.extensionTypes, statuses: event.statuses },
    ]),
  );
}

/** Why definitions could not be read or fetched; the command turns it into a usage error. */
export class DefinitionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DefinitionsError';
  }
}

/** The API's shape of a definition; built on first use (only --definitions and --fetch-definitions read any). */
function buildDefinitionSchema() {
  const statusList = z.array(z.string());
  return z.object({
    type: z.optional(z.string()),
    category: z.optional(z.nullable(z.string())),
    extension_type: z.optional(z.nullable(z.string())),
    /** The shape `create-connect-extension events --json` prints. */
    extensionTypes: z.optional(z.array(z.string())),
    object_statuses: z.optional(z.nullable(statusList)),
    statuses: z.optional(statusList),
  });
}
let definitionSchema: ReturnType<typeof buildDefinitionSchema> | undefined;
type RawDefinition = z.infer<ReturnType<typeof buildDefinitionSchema>>;

function describeIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  return `${path}: ${issue.message}`;
}

/**
 * Reads definitions in the API's shape: an array of `{type, name, group, category, extension_type,
 * object_statuses}`, or an object keyed by type. The API lists an event once per extension type;
 * like connect-eaas-core, the last entry's statuses win, and the extension types add up.
 */
export function parseDefinitions(json: unknown): EventDefinitions {
  let entries: [string | undefined, unknown][];
  if (Array.isArray(json)) entries = json.map((item) => [undefined, item]);
  else if (typeof json === 'object' && json !== null) entries = Object.entries(json);
  else throw new DefinitionsError('expected an array of event definitions or an object keyed by event type');

  const definitions = new Map<string, EventDefinitionInfo>();
  entries.forEach(([key, value], index) => {
    definitionSchema ??= buildDefinitionSchema();
    const parsed = definitionSchema.safeParse(value);
    if (!parsed.success) throw new DefinitionsError(`definition ${key ?? `#${index + 1}`}: ${describeIssue(parsed.error)}`);
    const raw: RawDefinition = parsed.data;
    const type = raw.type ?? key;
    if (!type) throw new DefinitionsError(`definition #${index + 1} has no "type"`);
    const statuses = raw.object_statuses ?? raw.statuses;
    if (!statuses) throw new DefinitionsError(`definition ${type} has no "object_statuses" list`);
    const previous = definitions.get(type);
    const extensionTypes = [...(previous?.extensionTypes ?? []), ...(raw.extensionTypes ?? []), ...(raw.extension_type ? [raw.extension_type] : [])];
    definitions.set(type, {
      type,
      ...(raw.category ? { category: raw.category } : previous?.category ? { category: previous.category } : {}),
      extensionTypes: [...new Set(extensionTypes)],
      statuses,
    });
  });
  return definitions;
}

export interface FetchDefinitionsOptions {
  apiKey: string;
  /** Host name (https is assumed) or a full origin such as http://127.0.0.1:8080. */
  serverAddress?: string;
  pageSize?: number;
  timeoutMs?: number;
}

/** The API root for a server address: https unless a scheme is given; a trailing /public/v1 is tolerated. */
function apiRoot(serverAddress: string): { root: string; host: string } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(serverAddress) ? serverAddress : `https://${serverAddress}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new DefinitionsError(`"${serverAddress}" is not a server address (expected a host name such as ${DEFAULT_SERVER_ADDRESS}).`);
  }
  const prefix = url.pathname.replace(/\/+$/, '').replace(/\/public\/v1$/, '');
  return { root: `${url.origin}${prefix}/public/v1`, host: url.host };
}

/** `items 0-99/234` → 234. */
function totalFrom(contentRange: string | null): number | undefined {
  const match = /\/\s*(\d+)\s*$/.exec(contentRange ?? '');
  return match ? Number(match[1]) : undefined;
}

/** GET /public/v1/devops/event-definitions, every page (`limit`/`offset`, total from Content-Range). */
export async function fetchDefinitions(options: FetchDefinitionsOptions): Promise<EventDefinitions> {
  const { root, host } = apiRoot(options.serverAddress ?? DEFAULT_SERVER_ADDRESS);
  const pageSize = options.pageSize ?? 100;
  const items: unknown[] = [];
  for (let offset = 0, page = 0; page < 1000; page++) {
    const url = `${root}/devops/event-definitions?limit=${pageSize}&offset=${offset}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Authorization: options.apiKey, Accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (cause) {
      const code = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).name;
      throw new DefinitionsError(
        `cannot reach ${host} (${code}). Check the network and --server-address, or leave out --fetch-definitions to use the bundled event catalog.`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new DefinitionsError(`${host} refused the API key (HTTP ${response.status}). Check --api-key or CONNECT_API_KEY.`);
    }
    if (!response.ok) {
      throw new DefinitionsError(`${host} answered HTTP ${response.status} for the event definitions; try again later, or leave out --fetch-definitions to use the bundled event catalog.`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new DefinitionsError(`${host} did not answer JSON for the event definitions (is --server-address a Connect API host?).`);
    }
    if (!Array.isArray(body)) throw new DefinitionsError(`${host} answered something other than a list of event definitions.`);
    items.push(...body);
    offset += body.length;
    const total = totalFrom(response.headers.get('content-range'));
    if (body.length === 0 || (total !== undefined ? offset >= total : body.length < pageSize)) break;
  }
  return parseDefinitions(items);
}
