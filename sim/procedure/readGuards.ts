import { and } from 'xstate';
import type { Command } from '../core/commands';
import { CONTEXT_GUARDS, type GuardName, PROCEDURE_GUARDS, SOME_COMMAND_PASSES } from './procedureGuards';
import type { ProcedureContext } from './procedureTypes';

/** A named guard as a transition holds it: its name and its params. */
export interface NamedGuard {
  readonly type: GuardName;
  readonly params?: unknown;
}

type Guard = (args: { context: ProcedureContext; event: Command }, params: unknown) => boolean;
type CombinedGuard = { readonly check: unknown; readonly guards: readonly unknown[] };

// xstate's and() returns a guard that keeps its operands on `guards` and its evaluator on `check`,
// one function shared by every and(): that tells and() from or() and not(), which the machine does not use.
const AND_CHECK = (and([]) as unknown as CombinedGuard).check;

/** The named guards a transition's guard requires, in the order xstate evaluates them (none when unguarded). */
export function guardConjuncts(guard: unknown): NamedGuard[] {
  if (guard === undefined) return [];
  if (typeof guard === 'string') return [{ type: guard as GuardName }];
  if (typeof guard === 'function' && (guard as unknown as CombinedGuard).check === AND_CHECK)
    return (guard as unknown as CombinedGuard).guards.flatMap(guardConjuncts);
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return [guard as NamedGuard];
  throw new Error('The procedure machine names its guards and combines them with and() only.');
}

/** Whether a named guard lets this command through now (the very function the machine runs). */
export function guardHolds(guard: NamedGuard, context: ProcedureContext, command: Command): boolean {
  return (PROCEDURE_GUARDS[guard.type] as Guard)({ context, event: command }, guard.params);
}

/** Whether a named guard lets some command of its type through now, from the context alone. */
export function guardHoldsForSomeCommand(guard: NamedGuard, context: ProcedureContext): boolean {
  if (guard.type in SOME_COMMAND_PASSES)
    return SOME_COMMAND_PASSES[guard.type as keyof typeof SOME_COMMAND_PASSES](context, guard.params as never);
  return (CONTEXT_GUARDS[guard.type as keyof typeof CONTEXT_GUARDS] as (args: object, params: unknown) => boolean)(
    { context },
    guard.params,
  );
}
