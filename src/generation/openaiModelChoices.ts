// The model ids the user's OpenAI-compatible endpoint lists, for the wizard and the studio to offer
// beside the catalog's: read with the user's key and base URL, cached (modelListing.ts). Without a
// key, or when the endpoint has no /v1/models, nothing is listed: a typed id still works.
import * as vscode from 'vscode';
import type { ApiKeyStore } from './apiKeyStore';
import type { HttpClient } from '../providers/httpClient';
import { OpenaiModelListing, offerableModelIds, type ModelListingResult } from '../providers/openai/modelListing';

let listing: OpenaiModelListing | undefined;

export interface OpenaiModelSources {
  readonly keys: ApiKeyStore;
  readonly http: () => HttpClient;
}

/** What the endpoint answers (host tests look at it); one cache for the window. */
export async function openaiModelListing(sources: OpenaiModelSources): Promise<ModelListingResult> {
  const apiKey = await sources.keys.get('openai');
  if (!apiKey) return { kind: 'unlisted', reason: 'no API key for OpenAI-compatible' };
  // Only the base URL is needed: an unrelated bad setting does not hide the list.
  const baseUrl = vscode.workspace.getConfiguration('imagegen').get<string>('openai.baseUrl') ?? 'https://api.openai.com';
  listing ??= new OpenaiModelListing(sources.http);
  return listing.list(baseUrl, apiKey);
}

/** The `openai:<id>` keys worth offering for images now; empty when nothing is listed. */
export async function listedOpenaiModelKeys(sources: OpenaiModelSources): Promise<string[]> {
  const result = await openaiModelListing(sources);
  return result.kind === 'listed' ? offerableModelIds(result.models, new Date().toISOString().slice(0, 10)).map((id) => `openai:${id}`) : [];
}
