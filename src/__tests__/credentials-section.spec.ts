// The Credentials section of the sidebar, in a DOM.

import { nullTranslator } from '@jupyterlab/translation';

import type { ICredentials } from '../api/credentials';
import {
  CredentialsSection,
  type ICredentialsActions
} from '../widgets/credentials-section';

function credentials(keys: string[], tokens: string[]): ICredentials {
  return {
    domain: 'd-team',
    user_profile: 'alice',
    access_keys: keys.map(id => ({
      access_key_id: id,
      status: 'Active',
      purpose: 'user',
      creation_time: 1,
      last_used_time: null
    })),
    mlflow_tokens: tokens.map(id => ({
      token_id: id,
      status: 'Active',
      purpose: 'kernel',
      creation_time: 1,
      last_used_time: null
    }))
  };
}

/** A server that keeps keys and tokens in memory: the widget under test talks to it. */
function server(): ICredentialsActions & { keys: string[]; tokens: string[] } {
  const state = { keys: [] as string[], tokens: ['TOKENKERNEL'] };
  return {
    get keys() {
      return state.keys;
    },
    get tokens() {
      return state.tokens;
    },
    createKey: async () => {
      state.keys.push('AKIANEW');
      return { id: 'AKIANEW', secret: 'the-secret' };
    },
    createToken: async () => {
      state.tokens.push('TOKENNEW');
      return { id: 'TOKENNEW', secret: 'mlst_TOKENNEW_x' };
    },
    revokeKey: async id => {
      state.keys = state.keys.filter(key => key !== id);
    },
    revokeToken: async id => {
      state.tokens = state.tokens.filter(token => token !== id);
    },
    refresh: async () => credentials(state.keys, state.tokens)
  };
}

const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('CredentialsSection', () => {
  it('shows a new key’s secret once, and no secret after a reload', async () => {
    const backend = server();
    const section = new CredentialsSection({
      trans: nullTranslator.load('jupyterlab_mlstudio'),
      actions: backend
    });
    await section.reload();

    const create = section.node.querySelector(
      '.jp-mlstudio-credentials-create'
    ) as HTMLButtonElement;
    create.click();
    await settle();
    await settle();

    const secret = section.node.querySelector(
      '.jp-mlstudio-credentials-secret-value'
    ) as HTMLInputElement;
    expect(secret.value).toBe('the-secret');
    expect(section.node.textContent).toContain('AKIANEW');

    (
      section.node.querySelector(
        '.jp-mlstudio-credentials-secret .jp-mod-styled'
      ) as HTMLButtonElement
    ).click();
    await section.reload();
    expect(section.node.innerHTML).not.toContain('the-secret');
  });

  it('revokes the key clicked and lists the kernels’ token as theirs', async () => {
    const backend = server();
    backend.keys.push('AKIAONE', 'AKIATWO');
    const section = new CredentialsSection({
      trans: nullTranslator.load('jupyterlab_mlstudio'),
      actions: backend
    });
    await section.reload();

    const rows = section.node.querySelectorAll('.jp-mlstudio-credentials-item');
    expect(rows[2].textContent).toContain('your kernels');
    (
      rows[0].querySelector(
        '.jp-mlstudio-credentials-revoke'
      ) as HTMLButtonElement
    ).click();
    await settle();
    await settle();

    expect(backend.keys).toEqual(['AKIATWO']);
    expect(section.node.textContent).not.toContain('AKIAONE');
  });

  it('keeps the profile and domain ids whole in its note', async () => {
    const section = new CredentialsSection({
      trans: nullTranslator.load('jupyterlab_mlstudio'),
      actions: server()
    });
    await section.reload();
    const message = section.node.querySelector(
      '.jp-mlstudio-credentials-message'
    ) as HTMLElement;
    expect(message.textContent).toBe(
      'Signed in as alice in domain d-team. Revoking stops a credential at once.'
    );
    const ids = [...message.querySelectorAll('.jp-mlstudio-credentials-id')];
    expect(ids.map(id => id.textContent)).toEqual(['alice', 'd-team']);
  });

  it('says what failed and what to do', async () => {
    const section = new CredentialsSection({
      trans: nullTranslator.load('jupyterlab_mlstudio'),
      actions: {
        ...server(),
        refresh: async () => {
          throw new Error('Forbidden');
        }
      }
    });
    await section.reload();
    expect(section.node.textContent).toContain(
      'Cannot manage your credentials: Forbidden'
    );
  });
});
