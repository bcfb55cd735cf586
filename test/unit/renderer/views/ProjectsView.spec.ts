import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import ProjectsView from '../../../../src/renderer/src/views/ProjectsView.vue';
import { useProjectsStore } from '../../../../src/renderer/src/stores/projects';
import { en } from '../../../../src/renderer/src/i18n/messages';
import { buildApi } from '../../../../src/shared/ipc/buildApi';
import { channelNames } from '../../../../src/shared/ipc/channels';
import { dispatch } from '../../../../src/main/ipc/dispatch';
import { AppServices } from '../../../../src/main/services/appServices';
import { TestDialogs } from '../../../e2e/bridge/testDialogs';

// window.api backed in-process by the real dispatcher and services (real SQLite), as the bridge does over HTTP.
function installApi(): TestDialogs {
  const dialogs = new TestDialogs();
  const services = new AppServices(mkdtempSync(join(tmpdir(), 'dlrn-web-')), () => {});
  const ctx = { services, dialogs, appVersion: 'test', host: 'bridge' as const };
  window.api = buildApi(channelNames, {
    invoke: (channel, input) => dispatch(channel, input, ctx),
    subscribe: () => () => {},
  });
  return dialogs;
}

describe('ProjectsView', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('creates a project through window.api and shows it with its schema version', async () => {
    const dialogs = installApi();
    const wrapper = mount(ProjectsView);
    const folder = join(mkdtempSync(join(tmpdir(), 'dlrn-web-')), 'p');
    dialogs.queue(folder);
    await wrapper.get('[data-testid="new-project-name"]').setValue('Pilot');
    await wrapper.get('[data-testid="new-project"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="current-project"]').text()).toContain('Pilot');
    expect(useProjectsStore().recent.map((p) => p.dir)).toEqual([folder]);
  });

  it('shows the main process error message when opening a folder that is not a project', async () => {
    const dialogs = installApi();
    const wrapper = mount(ProjectsView);
    dialogs.queue(mkdtempSync(join(tmpdir(), 'dlrn-web-')));
    await wrapper.get('[data-testid="open-project"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="projects-error"]').text()).toContain('is not a DLRN Studio project');
  });

  it('keeps every UI string in the message catalogue', () => {
    expect(Object.values(en).every((s) => s.length > 0)).toBe(true);
  });
});
