import type { Handler } from './index';

export const appHandlers: { 'app.info': Handler<'app.info'>; 'dialogs.chooseFolder': Handler<'dialogs.chooseFolder'> } = {
  'app.info': async (_input, ctx) => ({ version: ctx.appVersion, host: ctx.host }),
  'dialogs.chooseFolder': async (input, ctx) => ctx.dialogs.chooseFolder(input.purpose),
};
