import { expect } from 'vitest';
import { LabApiError } from '../../src/labClient/labApiError';

/** The rejection of a lab client call, which must reject with a LabApiError (the tests read its reason). */
export async function labApiFailure(p: Promise<unknown>): Promise<LabApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(LabApiError);
    return err as LabApiError;
  }
  throw new Error('expected the call to fail');
}
