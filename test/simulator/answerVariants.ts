// Answer variants the providers' docs and public client code show, selected per task with a
// `[sim:variant=a+b]` directive in the prompt. They change how an answer is worded, never what
// happened: a client that reads answers leniently must end every task the same way.
//
//   lenient   numbers as strings, null links beside real ones, non-string error fields, unknown fields
//   success   JimmyAI's other word for completed
//   url       JimmyAI's image link in data.url (no result object)
//   mediaUrl  JimmyAI's image link in data.mediaUrl (no result object)
//   error_msg JimmyAI's failure reason in error_msg; `reason` in reason
//   zh / ko   failure texts (moderation, generic failure) in Chinese or Korean
//   numeric   AIReiter's numeric statuses (0 queued, 1 running, 2 done) with the image at
//             result.response.download_url, as a public gateway's tests of AIReiter show them

export type Variant = 'lenient' | 'success' | 'url' | 'mediaUrl' | 'error_msg' | 'reason' | 'zh' | 'ko' | 'numeric';

const known = new Set<Variant>(['lenient', 'success', 'url', 'mediaUrl', 'error_msg', 'reason', 'zh', 'ko', 'numeric']);

export function variantsOf(prompt: string): Set<Variant> {
  const match = /\[sim:variant=([^\]]*)\]/.exec(prompt);
  return new Set((match?.[1] ?? '').split(/[+,]/).filter((name): name is Variant => known.has(name as Variant)));
}

/** A provider's words for a moderation refusal, in the task's language. */
export function moderationText(variants: Set<Variant>): string {
  if (variants.has('zh')) return '内容违规：提示词未通过内容安全审核';
  if (variants.has('ko')) return '민감한 콘텐츠가 감지되어 요청이 거부되었습니다';
  return 'Your request was rejected by the safety system (moderation_blocked).';
}

/** Out-of-credits texts as AIReiter and JimmyAI word them (third-party client code). */
export function creditsText(language: 'en' | 'zh' | 'ko' = 'en'): string {
  return language === 'zh' ? '积分不足，请充值后重试' : language === 'ko' ? '크레딧 부족: 충전 후 다시 시도하세요' : 'not enough credits';
}

/** AIReiter's task `data`, reworded. */
export function aireiterTaskVariant(data: Record<string, unknown>, variants: Set<Variant>): Record<string, unknown> {
  if (variants.has('numeric')) data = numericTask(data);
  if (!variants.has('lenient')) return data;
  const output = (data.output as { url: string }[] | undefined) ?? [];
  return {
    ...data,
    progress: String(data.progress),
    credits_used: String(data.credits_used ?? 0),
    // A placeholder without a link next to the real one, and while running.
    output: [{ url: null }, ...output],
    error: data.error ?? null,
    error_message: { code: 0, detail: 'none' },
    created_at: 1_763_900_000,
    webhook: { delivered: false },
  };
}

/** JimmyAI's task `data`, reworded. */
export function jimmyTaskVariant(data: Record<string, unknown>, variants: Set<Variant>): Record<string, unknown> {
  let result: Record<string, unknown> = { ...data };
  const done = data.status === 'completed';
  const imageUrl = (data.result as { image_url: string | null } | null)?.image_url ?? null;
  if (done && variants.has('success')) {
    result.status = 'success';
  }
  if (variants.has('url') || variants.has('mediaUrl')) {
    result = { ...result, result: null, [variants.has('url') ? 'url' : 'mediaUrl']: imageUrl };
  }
  if (data.error_message != null && (variants.has('error_msg') || variants.has('reason'))) {
    const { error_message: reason, ...rest } = result;
    result = { ...rest, [variants.has('reason') ? 'reason' : 'error_msg']: reason };
  }
  if (variants.has('lenient')) {
    result = { ...result, progress: `${String(data.progress)}%`, created_at: new Date().toISOString(), error_message: result.error_message ?? { code: 0 }, usage: { credits: '12' } };
  }
  return result;
}

/** Numbers for the status words (a failure keeps its word: no number for it has been seen), the image under result.response. */
function numericTask(data: Record<string, unknown>): Record<string, unknown> {
  const numbers: Record<string, number> = { pending: 0, processing: 1, completed: 2 };
  const { output, ...rest } = data as { output?: { url: string }[] } & Record<string, unknown>;
  const link = output?.[0]?.url;
  return { ...rest, status: numbers[String(data.status)] ?? data.status, ...(link ? { result: { response: { download_url: link } } } : {}) };
}
