// The standalone host's say before the engine resumes a task the journal remembers (the engine's
// ResumeGate): its rules are the engine's (engine/taskResumer.ts, engine/billing.ts), said in the
// server's words and with what only this host knows (its environment, the endpoint fingerprint).
// A task the provider accepted is followed on by its id (AIReiter also by our out_task_id); an AIReiter gpt_image_2 request whose answer never came is
// looked up by its out_task_id and sent only if the provider has no such task; any other request
// whose answer never came is never sent again: it may have been charged, and that is all that
// can be known. A task is followed only with a key and at the base URL it was sent to.
import { findModel, type ModelSpec } from '../../core/catalog/models';
import { providerNameOf, providerNames } from '../../core/catalog/providerNames';
import type { ResumeGate } from '../../engine/engineParts';
import { endpointFingerprint } from '../../engine/endpointFingerprint';
import { envNames, type ServerEnvironment } from '../../features/mcpPublishing/serverEnvironment';
import { finishedKeptMs, type JournalEntry } from '../../mcp/taskJournal';

/** The one model whose out_task_id AIReiter reliably finds its task by (providers.md §5). */
const lookedUpByOutTaskId = 'aireiter:gpt_image_2';

export type ResumePlan =
  | { readonly kind: 'follow'; readonly model: ModelSpec }
  | { readonly kind: 'lookUp'; readonly model: ModelSpec }
  /** Left as it is in the journal until the server has what it needs. */
  | { readonly kind: 'wait'; readonly note: string }
  | { readonly kind: 'conclude'; readonly state: 'failed' | 'unconfirmed'; readonly error: string; readonly mayHaveBeenCharged: true };

export function resumePlan(task: JournalEntry, environment: ServerEnvironment, now = Date.now()): ResumePlan {
  const accepted = task.providerTaskId !== undefined || task.acceptedAt !== undefined;
  const ids = `our id ${task.id}${task.providerTaskId ? `, ${providerNameOf(task.input.modelKey)} task ${task.providerTaskId}` : ''}`;
  const conclude = (error: string): ResumePlan => ({ kind: 'conclude', state: accepted ? 'failed' : 'unconfirmed', error, mayHaveBeenCharged: true });
  const model = findModel(task.input.modelKey);
  if (!model) return conclude(`This version of the server does not know the model ${task.input.modelKey}, so the task was not followed; it may have been charged (${ids}).`);
  const name = providerNames[model.provider];
  if (!environment.apiKeys[model.provider]) {
    return { kind: 'wait', note: `No key for ${name} in the server's environment: set ${envNames.apiKey(model.provider)} and restart the server to follow this task on (it ${accepted ? 'was accepted' : 'may have reached the provider'} and may be charged).` };
  }
  if (endpointFingerprint(environment.baseUrls[model.provider]) !== task.endpoint) {
    // The MCP server and the command line share this journal with environments of their own: the
    // process that has the endpoint the task went to follows it on; this one leaves it as it is,
    // for as long as the journal keeps finished tasks, then says what can be known (it would
    // otherwise stay open for ever, and an agent polling on its state would never stop).
    if (now - task.createdAt > finishedKeptMs) {
      return conclude(`The task was sent to another ${name} base URL than ${envNames.baseUrl(model.provider)} names, and no process with that endpoint followed it for a week; it may have been charged: check the dashboard of the endpoint it was sent to (${ids}).`);
    }
    return { kind: 'wait', note: `The task was sent to another ${name} base URL than ${envNames.baseUrl(model.provider)} names here, so it is not followed from this environment; it ${accepted ? 'was accepted' : 'may have reached the provider'} and may be charged. Run with the base URL it was sent to and it is followed on (${ids}).` };
  }
  if (accepted) {
    if (task.providerTaskId !== undefined || model.provider === 'aireiter') return { kind: 'follow', model };
    return conclude(`${name} accepted the task, but the server stopped before its image was saved and ${name} gives no task id to ask for it again; it was probably charged (${ids}).`);
  }
  if (model.key === lookedUpByOutTaskId) return { kind: 'lookUp', model };
  return conclude(
    `The server stopped while the request to ${name} was on its way: it may have reached ${name} and may have been charged. It was not sent again (that could charge twice); check your ${name} dashboard${model.provider === 'aireiter' ? ` for out_task_id ${task.id}` : ''} before generating it again.`,
  );
}

/** The plan as the engine takes it: follow and look up are the engine's own rules. */
export function gateOf(plan: ResumePlan): ResumeGate {
  if (plan.kind === 'wait') return { kind: 'wait', note: plan.note };
  if (plan.kind === 'conclude') return { kind: 'conclude', error: plan.error, mayHaveCharged: plan.mayHaveBeenCharged };
  return { kind: 'go' };
}
