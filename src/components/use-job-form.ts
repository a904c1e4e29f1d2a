import type { TranslationBundle } from '@jupyterlab/translation';
import { FormEvent, RefObject, useEffect, useRef, useState } from 'react';

import {
  buildCreateTrainingJobRequest,
  defaultJobFormValues,
  formFieldOfServerError,
  IJobFormContext,
  IJobFormValues,
  JobFormErrors,
  splitEntryScript,
  suggestJobName,
  validateJobForm
} from '../models/job-form';
import { asRequestError, MLStudioRequestError } from '../request';
import { withNextStep } from './request-error-message';
import type {
  ICreateTrainingJobRequest,
  IInstanceTypeList,
  IStatus,
  ITrainingJobDetail
} from '../tokens';

/** Options of {@link useJobForm}. */
export interface IUseJobFormOptions {
  trans: TranslationBundle;
  /** The server's status (workspace root, default image), once read. */
  status: IStatus | null;
  /** The instance-type catalogue, once read. */
  instanceTypes: IInstanceTypeList | null;
  /** Creates the job. */
  submit: (request: ICreateTrainingJobRequest) => Promise<ITrainingJobDetail>;
  /** Called with the created job. */
  onCreated: (detail: ITrainingJobDetail) => void;
}

/** What {@link useJobForm} gives the form to render. */
export interface IJobFormState {
  /** For the form element: the focus goes to its first invalid field after a refusal. */
  formRef: RefObject<HTMLFormElement>;
  values: IJobFormValues;
  context: IJobFormContext;
  /** The error to show for a field or row, if any. */
  errorOf: (key: string) => string | undefined;
  /** Change some values; the server's complaints about those fields are void. */
  update: (changes: Partial<IJobFormValues>, fields?: string[]) => void;
  /** A blur handler that lets the field show its errors from now on. */
  touch: (field: string) => () => void;
  /** The user typed a name: it is no longer suggested from the entry script. */
  onNameChange: (name: string) => void;
  /** The entry script changed; the name follows it until the user edits the name. */
  onEntryScriptChange: (entryScript: string) => void;
  onSubmit: (event: FormEvent) => Promise<void>;
  /** Whether the job is being created. */
  submitting: boolean;
  /** A refusal of the server that names no field of the form. */
  formError: MLStudioRequestError | null;
}

/**
 * The state and behaviour of the new-training-job form. Fields are checked as they are
 * left and all at once on submit; an error the server reports (with the field it names)
 * belongs to that field until the field changes.
 */
export function useJobForm(options: IUseJobFormOptions): IJobFormState {
  const { trans, status, instanceTypes, submit, onCreated } = options;
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<IJobFormValues>(() =>
    defaultJobFormValues(instanceTypes?.default ?? '')
  );
  const [nameEdited, setNameEdited] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<JobFormErrors>({});
  const [formError, setFormError] = useState<MLStudioRequestError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Bumped to ask for the focus on the first invalid field once React has rendered the errors
  // and the inputs are enabled again.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0 && !submitting) {
      focusFirstInvalid(formRef.current);
    }
  }, [focusRequest, submitting]);

  // The catalogue may arrive after the form opened: preselect its default.
  useEffect(() => {
    if (!values.instanceType && instanceTypes?.default) {
      setValues(current => ({
        ...current,
        instanceType: instanceTypes.default
      }));
    }
  }, [instanceTypes, values.instanceType]);

  const context: IJobFormContext = {
    instanceTypes: instanceTypes?.instance_types ?? null,
    workspaceRoot: status?.workspace_root ?? '',
    defaultImage: status?.default_image ?? 'default',
    objectStoreRoot: status?.object_store.default_root ?? ''
  };
  const clientErrors = validateJobForm(values, context, trans);

  const errorOf = (key: string): string | undefined => {
    if (serverErrors[key]) {
      return serverErrors[key];
    }
    const field = key.split('.')[0];
    return submitted || touched.has(field) ? clientErrors[key] : undefined;
  };

  const update = (
    changes: Partial<IJobFormValues>,
    fields: string[] = Object.keys(changes)
  ): void => {
    setValues(current => ({ ...current, ...changes }));
    setServerErrors(current => {
      const next: JobFormErrors = {};
      for (const [key, message] of Object.entries(current)) {
        if (!fields.includes(key.split('.')[0])) {
          next[key] = message;
        }
      }
      return next;
    });
  };
  const touch = (field: string) => (): void => {
    if (!touched.has(field)) {
      setTouched(new Set([...touched, field]));
    }
  };

  const onNameChange = (name: string): void => {
    setNameEdited(true);
    update({ name });
  };

  const onEntryScriptChange = (entryScript: string): void => {
    const changes: Partial<IJobFormValues> = { entryScript };
    const script = splitEntryScript(entryScript);
    if (!nameEdited && script) {
      changes.name = suggestJobName(
        script.program.replace(/\.[^.]*$/, ''),
        new Date()
      );
    }
    update(changes, ['entryScript']);
  };

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    if (Object.keys(clientErrors).length > 0 || !status) {
      setFocusRequest(count => count + 1);
      return;
    }
    setSubmitting(true);
    try {
      const detail = await submit(
        buildCreateTrainingJobRequest(values, context)
      );
      onCreated(detail);
    } catch (reason) {
      const error = asRequestError(reason);
      const field = formFieldOfServerError(error.field, error.error);
      if (field === 'form') {
        setFormError(error);
      } else {
        // The server's sentence, then what to do about it.
        setServerErrors({ [field]: withNextStep(error, trans) });
        setFocusRequest(count => count + 1);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return {
    formRef,
    values,
    context,
    errorOf,
    update,
    touch,
    onNameChange,
    onEntryScriptChange,
    onSubmit,
    submitting,
    formError
  };
}

/** Move the focus to the first field that shows an error (called after React has rendered). */
function focusFirstInvalid(form: HTMLFormElement | null): void {
  const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  invalid?.focus();
}
