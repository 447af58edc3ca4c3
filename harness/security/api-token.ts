// API token mode: every sidecar of a run requires `dapr-api-token` (HTTP) / `dapr-api-token`
// metadata (gRPC) equal to DAPR_API_TOKEN, which daprd and the app both read from their
// environment (`dapr run` passes its own to each). The token is fresh per run and never written:
// every text the run keeps passes through its redaction first.
import { randomBytes } from 'node:crypto';
import type { Redaction } from '../output/redactions.ts';
import { escapeRegExp } from '../text/regex.ts';

export const API_TOKEN_VAR = 'DAPR_API_TOKEN';
export const API_TOKEN_PLACEHOLDER = '[DAPR_API_TOKEN]';

/** 32 random bytes, hex: unguessable, and free of characters a header or shell would mangle. */
export function newApiToken(): string {
  return randomBytes(32).toString('hex');
}

/** A redaction rule built from the token's value (a literal match, never a pattern). Pure. */
export function apiTokenRedaction(token: string): Redaction {
  return {
    name: 'dapr-api-token',
    pattern: new RegExp(escapeRegExp(token), 'g'),
    replacement: API_TOKEN_PLACEHOLDER,
  };
}
