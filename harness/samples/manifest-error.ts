// What every part of the manifest's loading shares: its one error type, how a schema issue is
// said in one line, and the checks of fields that hold regexes and line filters.
import { z } from 'zod';
import { ExpectedError } from '../expected-error.ts';
import { FilterError, sampleFilters } from '../output/filters.ts';

/** How a line break inside a quoted value is written in a message. */
const LINE_BREAK_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' };

export class ManifestError extends ExpectedError {
  override name = 'ManifestError';

  constructor(message: string) {
    // One line whatever the manifest holds: ids, keys and values are quoted into messages as they are.
    super(message.replace(/[\n\r\u2028\u2029]/g, (c) => LINE_BREAK_ESCAPES[c]!));
  }
}

export function describeIssue(issue: z.ZodIssue): string {
  const field = issue.path.join('.') || '(top level)';
  if (issue.code === 'invalid_enum_value') {
    return `field "${field}": "${String(issue.received)}" is not one of ${issue.options.join(', ')}`;
  }
  // Stryker disable next-line ConditionalExpression: equivalent, no other issue these schemas raise (an enum's is handled above) has a received value; the code test is for the type checker
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `field "${field}" is missing`;
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `field "${field}": ${issue.message}`;
}

export function regexOrThrow(source: string, flags: string, where: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new ManifestError(`${where}: not a regular expression: ${(err as Error).message}`);
  }
}

/** A refinement that reports what sampleFilters refuses in the field it checks: zod's issue path then names the field. */
export function filterIssue(as: (list: string[]) => Parameters<typeof sampleFilters>[0]) {
  return (list: string[], ctx: z.RefinementCtx) => {
    try {
      sampleFilters(as(list));
    } catch (err) {
      if (!(err instanceof FilterError)) throw err;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: err.message });
    }
  };
}

export const EXPECT_SCHEMA = z.object({
  lines: z.array(z.string()).min(1, 'lists no line'),
  order: z.enum(['sequential', 'none']).default('sequential'),
  mode: z.enum(['exact', 'substring']).default('exact'),
}).strict();

