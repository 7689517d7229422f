/** Where a workspace folder keeps the team's presets (its own file, so activation can name it cheaply). */
export const presetsFileName = '.vscode/imagegen.json';
