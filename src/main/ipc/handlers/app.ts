import { rememberChosen } from './chosenPaths';
import type { Handler } from './index';

export const appHandlers: { 'app.info': Handler<'app.info'>; 'dialogs.chooseFolder': Handler<'dialogs.chooseFolder'> } = {
  'app.info': async (_input, ctx) => ({ version: ctx.appVersion, host: ctx.host }),
  // A folder chosen for import may then be read by an import job (see chosenPaths).
  'dialogs.chooseFolder': async (input, ctx) => rememberChosen(ctx, await ctx.dialogs.chooseFolder(input.purpose), 'read'),
};
