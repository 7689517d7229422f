/** Context keys the walkthrough's steps complete on (package.json → walkthroughs → completionEvents). */
export const welcomeContextKeys = { hasApiKey: 'imagegen.hasApiKey', hasGeneratedImage: 'imagegen.hasGeneratedImage' } as const;
