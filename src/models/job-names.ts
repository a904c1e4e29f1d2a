/*
 * Training job names: SageMaker's rules for them, the name the form suggests, and why a
 * name is refused.
 */

import type { TranslationBundle } from '@jupyterlab/translation';

/** SageMaker's pattern of training job names. */
export const JOB_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** Longest training job name. */
export const JOB_NAME_MAX_LENGTH = 63;

/** Turn any text into something a job name can be made of: `My train.py` → `My-train-py`. */
export function toNamePart(text: string): string {
  return text
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-{2,}/g, '-');
}

/**
 * A name for a new job: the base (e.g. the entry script's stem) and the local time,
 * `train-20241122-061048`, within SageMaker's 63 characters.
 */
export function suggestJobName(base: string, now: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const stamp =
    `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-` +
    `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const prefix =
    toNamePart(base).slice(0, JOB_NAME_MAX_LENGTH - stamp.length - 1) ||
    'training-job';
  return `${prefix.replace(/-+$/, '')}-${stamp}`;
}

/** Why a job name is not valid, or null when it is. */
export function validateJobName(
  name: string,
  trans: TranslationBundle
): string | null {
  if (!name) {
    return trans.__('A job needs a name.');
  }
  if (name.length > JOB_NAME_MAX_LENGTH) {
    return trans.__(
      'At most %1 characters; this name has %2.',
      JOB_NAME_MAX_LENGTH,
      name.length
    );
  }
  if (!JOB_NAME_PATTERN.test(name)) {
    return trans.__(
      'Letters, digits and hyphens only, starting and ending with a letter or digit.'
    );
  }
  return null;
}
