// A components folder (what `dapr run --resources-path` loads), read here and nowhere else: which
// files are components (regular .yaml/.yml files, in name order) and what they hold. Preflight,
// the security options, the parity secrets file, the docs check and `parity init` all read it
// through this module, so they agree on which files count.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { Manifest, SampleSpec } from '../model.ts';

/** A sample's components folder: its own `components:`, else the tree's. */
export function componentsFolder(sample: Pick<SampleSpec, 'components'>, manifest: Pick<Manifest, 'components'>): string {
  return sample.components ?? manifest.components;
}

/** How the folder is read: the file system, or `parity init`'s view of a tree. Paths are absolute. */
export interface FolderView {
  /** Names of the regular files in a folder (empty when it is not one). */
  files(dir: string): string[];
  read(file: string): string | undefined;
}

const DISK: FolderView = {
  files: (dir) => {
    try {
      // Only regular files: a folder named x.yaml would throw EISDIR, a named pipe would block the read.
      return readdirSync(dir).filter((f) => statSync(path.join(dir, f)).isFile());
    } catch {
      return [];
    }
  },
  read: (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};

const COMPONENT_FILE = /\.ya?ml$/;

/** The component files of a folder (absolute paths, in name order); none when it is not a folder. */
export function componentFiles(dir: string, view: FolderView = DISK): string[] {
  return view.files(dir).filter((f) => COMPONENT_FILE.test(f)).sort().map((f) => path.join(dir, f));
}

/** A component file's YAML documents, each with its own parse errors. */
export function componentDocuments(text: string): YAML.Document.Parsed[] {
  return YAML.parseAllDocuments(text) as YAML.Document.Parsed[];
}

/** Every document of every component file, as plain data; a file that cannot be read or parsed offers none. */
export function componentValues(dir: string, view: FolderView = DISK): { file: string; value: unknown }[] {
  return componentFiles(dir, view).flatMap((file) => {
    try {
      return componentDocuments(view.read(file) ?? '').map((d) => ({ file, value: d.toJS() as unknown }));
    } catch {
      return [];
    }
  });
}

/** Where the harness's services listen, by the component metadata that names them. */
export interface ServiceEndpoints {
  /** host:port of the sample's redis. */
  redis?: string;
  /** The sample's PostgreSQL: where it listens and who connects. */
  postgres?: PostgresEndpoint;
}

export interface PostgresEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The metadata fields that point a component at a service, and which service. */
const ENDPOINT_FIELDS: Record<string, keyof ServiceEndpoints> = { redisHost: 'redis' };
/** The metadata fields of a PostgreSQL component (bindings.postgres, state.postgresql…) that hold its connection string. */
const POSTGRES_FIELDS = new Set(['url', 'connectionString']);

/** The connection fields of a key=value connection string, as libpq names them and as they may be written. */
const CONN_KEYS: Record<string, 'host' | 'port' | 'user' | 'password'> = { host: 'host', hostaddr: 'host', port: 'port', user: 'user', password: 'password' };

/**
 * A PostgreSQL connection string pointed at the harness's server: host, port, user and password
 * replaced, the database and every other setting kept. Both forms: `key=value …` and a
 * `postgres://user:password@host:port/db?…` URL. Pure. Undefined when it is neither.
 */
export function pointConnectionString(value: string, pg: PostgresEndpoint): string | undefined {
  const url = /^(postgres(?:ql)?:\/\/)(?:[^@/]*@)?[^/?]*(.*)$/s.exec(value.trim());
  if (url) return `${url[1]}${encodeURIComponent(pg.user)}:${encodeURIComponent(pg.password)}@${pg.host}:${pg.port}${url[2]}`;
  const parts = value.trim().split(/\s+/);
  if (!parts.every((p) => /^[A-Za-z_]+=/.test(p))) return undefined;
  const want = { host: pg.host, port: String(pg.port), user: pg.user, password: pg.password };
  const seen = new Set<string>();
  const out = parts.map((p) => {
    const key = p.slice(0, p.indexOf('='));
    const field = CONN_KEYS[key];
    if (!field) return p;
    seen.add(field);
    return `${key}=${want[field]}`;
  });
  for (const field of ['host', 'port', 'user', 'password'] as const) if (!seen.has(field)) out.push(`${field}=${want[field]}`);
  return out.join(' ');
}

/**
 * A component file's text with every field naming a service (`redisHost`, a PostgreSQL
 * component's `url`) pointed at the harness's instance; the rest of the file as it was. Pure.
 * `changes` says what was rewritten (`statestore: redisHost localhost:6379 → 127.0.0.1:41234`), for
 * the sample's report; a password is never written there.
 */
export function pointAtServices(text: string, endpoints: ServiceEndpoints): { text: string; changes: string[] } {
  const docs = componentDocuments(text);
  const changes: string[] = [];
  for (const doc of docs) {
    if (doc.errors.length) continue;
    const name = String(doc.getIn(['metadata', 'name']) ?? '?');
    const type = String(doc.getIn(['spec', 'type']) ?? '');
    const meta = doc.getIn(['spec', 'metadata']);
    if (!YAML.isSeq(meta)) continue;
    for (const item of meta.items) {
      if (!YAML.isMap(item)) continue;
      const field = String(item.get('name') ?? '');
      const from = String(item.get('value') ?? '');
      if (endpoints.postgres && /postgres/.test(type) && POSTGRES_FIELDS.has(field)) {
        const to = pointConnectionString(from, endpoints.postgres);
        if (to === undefined || to === from) continue;
        item.set('value', to);
        const hidden = (s: string) => s.split(endpoints.postgres!.password).join('***').replace(/(password=|:\/\/[^:@/]*:)[^\s@]*/g, '$1***');
        changes.push(`${name}: ${field} ${hidden(from)} → ${hidden(to)}`);
        continue;
      }
      const service = ENDPOINT_FIELDS[field];
      const to = service === 'redis' ? endpoints.redis : undefined;
      if (!to) continue;
      if (from === to) continue;
      item.set('value', to);
      changes.push(`${name}: ${field} ${from || '(empty)'} → ${to}`);
    }
  }
  if (changes.length === 0) return { text, changes };
  return { text: docs.map((d) => d.toString()).join('---\n'), changes };
}
