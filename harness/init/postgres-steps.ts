// A README's PostgreSQL in Docker, mapped to the harness's own server: `docker compose up` of a
// PostgreSQL image becomes a seed step (the database the compose file names, its folder's SQL
// files run as the image's entrypoint runs them), and `docker exec … psql …` the same psql on the
// harness's server (PGHOST, PGPORT, PGUSER and PGPASSWORD come from the service). Pure: the tree is
// read through a TreeView.
import path from 'node:path';
import YAML from 'yaml';
import type { TreeView } from './infer.ts';

const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** Quotes a word for sh when it needs it. */
function shQuote(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** The `environment:` of a compose service as a map (both its map and its `KEY=value` list forms). */
function environment(service: unknown): Record<string, string> {
  const env = (service as { environment?: unknown } | null)?.environment;
  if (Array.isArray(env)) return Object.fromEntries(env.map(String).map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)]));
  if (env && typeof env === 'object') return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v ?? '')]));
  return {};
}

export interface PostgresSeed {
  /** The shell command that seeds the harness's server. */
  sh: string;
  /** The database it makes, the SQL files it runs, for the step's note. */
  database?: string;
  sqlFiles: string[];
}

/**
 * The seed a `docker compose up` in `cwd` stands for, when its compose file starts PostgreSQL (an
 * image or a Dockerfile `FROM postgres`, or POSTGRES_* settings); undefined otherwise. The image
 * makes POSTGRES_DB, then runs the SQL files its Dockerfile copies into its init folder, in name
 * order: every `.sql` file of the folder stands for those.
 */
export function composePostgresSeed(cwd: string, tree: TreeView): PostgresSeed | undefined {
  const file = COMPOSE_FILES.map((f) => path.join(cwd, f)).find((f) => tree.isFile(f));
  if (!file) return undefined;
  let doc: { services?: Record<string, unknown> } | null;
  try {
    doc = YAML.parse(tree.read(file) ?? '') as typeof doc;
  } catch {
    return undefined;
  }
  const dockerfile = tree.read(path.join(cwd, 'Dockerfile')) ?? '';
  const pg = Object.values(doc?.services ?? {}).find((s) => {
    const image = String((s as { image?: unknown } | null)?.image ?? '');
    return /postgres/i.test(image) || Object.keys(environment(s)).some((k) => k.startsWith('POSTGRES_')) || /^FROM\s+\S*postgres/im.test(dockerfile);
  });
  if (!pg) return undefined;
  const env = environment(pg);
  const database = env.POSTGRES_DB && env.POSTGRES_DB !== 'postgres' ? env.POSTGRES_DB : undefined;
  const sqlFiles = tree.list(cwd).filter((n) => n.endsWith('.sql') && tree.isFile(path.join(cwd, n))).sort();
  const parts = [
    ...(database ? [`createdb ${shQuote(database)}`] : []),
    ...sqlFiles.map((f) => `psql -X -q -v ON_ERROR_STOP=1 -d ${shQuote(database ?? 'postgres')} -f ${shQuote(f)}`),
  ];
  if (parts.length === 0) return undefined;
  return { sh: parts.join(' && '), ...(database ? { database } : {}), sqlFiles };
}

/** psql's options that say where and as whom to connect: the harness's server decides those. */
const CONNECTION_FLAGS = new Set(['-h', '--host', '-p', '--port', '-U', '--username']);
const CONNECTION_FLAGS_ATTACHED = /^(--host=|--port=|--username=|-h.|-p.|-U.)/;

/**
 * `docker exec [options] CONTAINER psql ARGS` as `psql ARGS` on the harness's server: the
 * container's options and psql's host, port and user flags left out. Undefined when it runs no psql.
 */
export function psqlOnHarness(words: readonly string[]): string | undefined {
  const at = words.indexOf('psql');
  if (words[0] !== 'docker' || words[1] !== 'exec' || at < 0) return undefined;
  const args: string[] = [];
  const rest = words.slice(at + 1);
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (CONNECTION_FLAGS.has(w)) { i++; continue; }
    if (CONNECTION_FLAGS_ATTACHED.test(w) || w === '-W' || w === '--password' || w === '-w' || w === '--no-password') continue;
    args.push(w);
  }
  return ['psql', ...args.map(shQuote)].join(' ');
}
