import { MLStudioRequestError } from '../request';
import {
  acceptFilter,
  editFilter,
  EMPTY_FILTER,
  isFilterDirty,
  isFilterError,
  rejectFilter,
  submitFilter
} from '../models/run-filter';

const parseError = new MLStudioRequestError({
  error: 'InvalidInput',
  message: "Error on parsing filter 'metrics.acc >': it ends too early",
  field: 'filter',
  status: 400
});

describe('the filter box state', () => {
  it('is dirty while the text differs from the applied filter, space aside', () => {
    const typed = editFilter(EMPTY_FILTER, '  metrics.acc > 0.5 ');

    expect(isFilterDirty(typed)).toBe(true);
    const applied = acceptFilter(submitFilter(typed), 'metrics.acc > 0.5');
    expect(isFilterDirty(applied)).toBe(false);
    expect(applied.applied).toBe('metrics.acc > 0.5');
    expect(applied.pending).toBeNull();
  });

  it('keeps the applied filter when the server refuses a new one, and says why', () => {
    const applied = acceptFilter(
      submitFilter(editFilter(EMPTY_FILTER, 'metrics.acc > 0.5')),
      'metrics.acc > 0.5'
    );
    const sent = submitFilter(editFilter(applied, 'metrics.acc >'));

    const refused = rejectFilter(sent, 'metrics.acc >', parseError);

    expect(refused.applied).toBe('metrics.acc > 0.5');
    expect(refused.draft).toBe('metrics.acc >');
    expect(refused.pending).toBeNull();
    expect(refused.error).toContain('ends too early');
  });

  it('forgets the complaint once a filter is accepted', () => {
    const refused = rejectFilter(
      submitFilter(editFilter(EMPTY_FILTER, 'x')),
      'x',
      parseError
    );

    expect(acceptFilter(refused, '').error).toBeNull();
  });

  it('an answer to an older filter does not clear a newer pending one', () => {
    const first = submitFilter(editFilter(EMPTY_FILTER, 'a = 1'));
    const second = submitFilter(editFilter(first, 'b = 2'));

    expect(acceptFilter(second, 'a = 1').pending).toBe('b = 2');
  });

  it('blames the filter for a 400 that names it or no field, not for other failures', () => {
    expect(isFilterError(parseError)).toBe(true);
    expect(
      isFilterError(
        new MLStudioRequestError({
          error: 'InvalidInput',
          message: 'x',
          status: 400
        })
      )
    ).toBe(true);
    expect(
      isFilterError(
        new MLStudioRequestError({
          error: 'InvalidInput',
          message: 'x',
          field: 'order_by',
          status: 400
        })
      )
    ).toBe(false);
    expect(
      isFilterError(
        new MLStudioRequestError({
          error: 'ServerError',
          message: 'x',
          status: 500
        })
      )
    ).toBe(false);
  });
});
