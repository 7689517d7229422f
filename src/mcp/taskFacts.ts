// A task as the MCP tools tell an agent of it, in generate_image's, get_task's and list_tasks'
// answers alike: ids, state, model, credits, the saved path or what went wrong, and for a candidate
// of a request its group and index.
import type { StandaloneTask } from '../hosts/standalone/standaloneTasks';

/** What an agent is told of a task, in get_task's and list_tasks' answers alike. */
export function factsOf(task: StandaloneTask) {
  const credits = task.creditsUsed ?? task.estimatedCredits;
  return {
    id: task.id,
    state: task.state,
    model: task.input.modelKey,
    createdAt: new Date(task.createdAt).toISOString(),
    ...(task.providerTaskId ? { providerTaskId: task.providerTaskId } : {}),
    ...(task.progress !== undefined ? { progress: task.progress } : {}),
    ...(credits !== undefined ? { credits } : {}),
    ...(task.path !== undefined ? { path: task.path } : {}),
    ...(task.assetSet ? { assetSet: task.assetSet.kind, files: task.assetSet.files.map((file) => file.path) } : {}),
    ...(task.pixels !== undefined ? { pixels: task.pixels } : {}),
    ...(task.error !== undefined ? { error: task.error } : {}),
    ...(task.note !== undefined ? { note: task.note } : {}),
    ...(task.mayHaveBeenCharged || task.state === 'submitting' ? { mayHaveBeenCharged: true } : {}),
    ...(task.state === 'submitting' || task.state === 'running' ? { followed: task.followed } : {}),
    // Which request it is a candidate of, so an agent sees the group in get_task and list_tasks.
    ...(task.candidate ? { candidate: { group: task.candidate.group, index: task.candidate.index, count: task.candidate.count, ...(task.candidate.picked ? { picked: true } : {}) } } : {}),
  };
}

