// Text that came from a provider is shown to the user: it must carry no secrets, no links that
// render as clickable Markdown, no `command:` URIs, and no control characters.

const maxLength = 300;

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) {
      result = result.split(secret).join('[redacted]');
    }
  }
  return result
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(/\bsk-[A-Za-z0-9_-]{8,}/g, 'sk-[redacted]')
    .replace(/([?&](?:key|api_key|apikey|token|access_token)=)[^&\s]+/gi, '$1[redacted]');
}

export function sanitizeServerText(text: unknown, secrets: readonly string[] = []): string | undefined {
  if (typeof text !== 'string' && typeof text !== 'number') {
    return undefined;
  }
  let result = redactSecrets(String(text), secrets)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/!?\[([^\]]*)\]\(([^)]*)\)/g, '$1')
    .replace(/\bcommand:[^\s)]*/gi, '[command link removed]')
    .replace(/[<>`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (result.length > maxLength) {
    result = `${result.slice(0, maxLength - 1)}…`;
  }
  return result.length > 0 ? result : undefined;
}
