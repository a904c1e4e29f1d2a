import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import {
  createAccessKey,
  createMlflowToken,
  getCredentials,
  revokeAccessKey,
  revokeMlflowToken
} from '../api/credentials';
import { asRequestError } from '../request';
import { IMLStudioSidebar } from '../tokens';
import { CredentialsSection } from '../widgets/credentials-section';

/** Rank of the Credentials section: below the sections of daily work, above the samples. */
const SECTION_RANK = 850;

/**
 * The signed-in user's own credentials in the sidebar: access keys for boto3 and the
 * SageMaker SDK, tokens for MLflow clients; made (the secret shown once) and revoked there.
 */
export const credentialsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-mlstudio:credentials',
  description: 'Your own access keys and MLflow tokens, in the sidebar.',
  autoStart: true,
  requires: [IMLStudioSidebar],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IMLStudioSidebar,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const settings = app.serviceManager.serverSettings;
    const section = new CredentialsSection({
      trans,
      actions: {
        createKey: async () => {
          const key = await createAccessKey(settings);
          return { id: key.access_key_id, secret: key.secret_access_key };
        },
        createToken: async () => {
          const token = await createMlflowToken(settings);
          return { id: token.token_id, secret: token.token };
        },
        revokeKey: id => revokeAccessKey(id, settings),
        revokeToken: id => revokeMlflowToken(id, settings),
        refresh: () =>
          getCredentials(settings).catch(reason => {
            throw asRequestError(reason);
          })
      }
    });
    sidebar.addSection(section, {
      rank: SECTION_RANK,
      initiallyCollapsed: true
    });
    void section.reload();
  }
};
