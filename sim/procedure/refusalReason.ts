import type { Command } from '../core/commands';
import { accepts } from './accepts';
import { activeStateNodes, type ProcedureStateNode } from './activeStateNodes';
import { COMMAND_LABELS } from './commandLabels';
import { phaseInfo, phaseOf } from './phases';
import { GUARD_REFUSALS } from './procedureGuards';
import type { ProcedureSnapshot } from './procedureMachine';
import type { ProcedureContext, Refusal } from './procedureTypes';
import { guardConjuncts, guardHolds } from './readGuards';

type RefusalArgs = { readonly context: ProcedureContext; readonly event: Command };

/**
 * Why the machine refuses a command now, in words a trainee understands; '' when it accepts it.
 * Read from the machine (README.md): what this kind of procedure never allows (the root's meta),
 * then each active state, deepest first: the sentence of the first guard that stops the command
 * there, else the state's own `meta.refuses`. Otherwise the command is simply not part of this
 * phase, and practice mode adds the phase's instruction (exam mode never hints).
 */
export function refusalReason(snapshot: ProcedureSnapshot, command: Command): string {
  if (snapshot.status !== 'active') return 'The procedure is over.';
  if (accepts(snapshot, command)) return '';
  const args = { context: snapshot.context, event: command };
  const nodes = activeStateNodes(snapshot);
  const root = nodes[nodes.length - 1];
  // What this kind of procedure never does speaks before any phase: a vertebroplasty's trainee
  // asking for a balloon needs to hear that there is none, not that it comes later.
  const never = sentence(root.meta?.neverAllows?.[command.type], args);
  if (never) return never;
  for (const node of nodes) {
    const reason = guardSentence(node, args) ?? sentence(node.meta?.refuses?.[command.type], args);
    if (reason) return reason;
  }
  return notInThisPhase(snapshot, command);
}

/** The sentence of the first guard that stops the command in this state, if that guard has one. */
function guardSentence(node: ProcedureStateNode, args: RefusalArgs): string | undefined {
  for (const transition of node.transitions.get(args.event.type) ?? []) {
    const failing = guardConjuncts(transition.guard).find((guard) => !guardHolds(guard, args.context, args.event));
    const refusal = failing && GUARD_REFUSALS[failing.type];
    if (refusal) return typeof refusal === 'string' ? refusal : (refusal as GuardSentence)(args, failing.params);
  }
  return undefined;
}

type GuardSentence = (args: RefusalArgs, params: unknown) => string;

function sentence(refusal: Refusal | undefined, args: RefusalArgs): string | undefined {
  return typeof refusal === 'function' ? (refusal as (args: RefusalArgs) => string | undefined)(args) : refusal;
}

function notInThisPhase(snapshot: ProcedureSnapshot, command: Command): string {
  const info = phaseInfo(phaseOf(snapshot));
  const reason = `${COMMAND_LABELS[command.type]} is not part of ${info.label.toLowerCase()}.`;
  return snapshot.context.mode === 'practice' ? `${reason} ${info.instruction}` : reason;
}
