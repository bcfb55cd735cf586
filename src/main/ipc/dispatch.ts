import { contract, type Channel } from '../../shared/ipc/contract';
import { HandlerError, type Result } from '../../shared/ipc/result';
import type { HandlerContext } from './context';
import { handlers } from './handlers/index';

function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * Validate, run and wrap one IPC call: unknown channel or invalid input → `invalid_input`,
 * a HandlerError keeps its kind, anything else → `failed` with its message. The output is
 * validated too, so a handler cannot leak fields the contract does not declare.
 */
export async function dispatch(channel: string, rawInput: unknown, ctx: HandlerContext): Promise<Result<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { kind: 'invalid_input', message: `unknown channel '${channel}'` } };
  const route = contract[channel];
  const parsed = route.input.safeParse(rawInput);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
    return { ok: false, error: { kind: 'invalid_input', message: `${channel}: ${issues}` } };
  }
  try {
    const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
    const value = route.output.parse(await handler(parsed.data, ctx));
    return { ok: true, value };
  } catch (err) {
    if (err instanceof HandlerError) return { ok: false, error: { kind: err.kind, message: err.message } };
    return { ok: false, error: { kind: 'failed', message: err instanceof Error ? err.message : String(err) } };
  }
}
