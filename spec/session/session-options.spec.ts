import { expect } from 'chai';
import { InvalidInputError, UnknownOptionError } from '../../lib/errors.js';
import { checkMarketDataOptions, checkSnapshotOptions } from '../../lib/session/session-options.js';

describe('checkMarketDataOptions', () => {
  it('passes no options, known keys and every data type', () => {
    expect(() => { checkMarketDataOptions(undefined, 'marketData$'); }).to.not.throw();
    for (const dataType of ['realtime', 'frozen', 'delayed', 'delayed-frozen'] as const) {
      expect(() => { checkMarketDataOptions({ dataType, genericTicks: [233] }, 'ticks$'); }).to.not.throw();
    }
  });

  it('refuses a misspelt key with UnknownOptionError naming the call and the close option', () => {
    expect(() => { checkMarketDataOptions({ datatype: 'delayed' } as never, 'marketData$'); })
      .to.throw(UnknownOptionError, 'unknown option "datatype" of marketData$ (did you mean "dataType"?); known options: dataType, genericTicks');
    expect(() => { checkMarketDataOptions({ timeoutMs: 5000 } as never, 'ticks$'); }).to.throw(UnknownOptionError, /unknown option "timeoutMs" of ticks\$/);
  });

  it('refuses a data type that is not one of the config names, suggesting the close one', () => {
    expect(() => { checkMarketDataOptions({ dataType: 'Delayed' } as never, 'marketData$'); })
      .to.throw(InvalidInputError, 'invalid dataType: expected one of realtime, frozen, delayed, delayed-frozen (did you mean "delayed"?), got "Delayed"');
    expect(() => { checkMarketDataOptions({ dataType: 3 } as never, 'marketData$'); }).to.throw(InvalidInputError, /^invalid dataType: .* got 3$/);
  });
});

describe('checkSnapshotOptions', () => {
  it('takes timeoutMs beside the market data options', () => {
    expect(() => { checkSnapshotOptions({ timeoutMs: 2500, dataType: 'frozen' }); }).to.not.throw();
    expect(() => { checkSnapshotOptions(undefined); }).to.not.throw();
  });

  it('refuses timeout (seconds?) for timeoutMs, naming snapshot and suggesting timeoutMs', () => {
    expect(() => { checkSnapshotOptions({ timeout: 5 } as never); })
      .to.throw(UnknownOptionError, 'unknown option "timeout" of snapshot (did you mean "timeoutMs"?); known options: dataType, genericTicks, timeoutMs');
  });

  it('refuses a timeoutMs that is not a number > 0', () => {
    for (const bad of [0, -1, Number.NaN, Infinity, '5000']) {
      expect(() => { checkSnapshotOptions({ timeoutMs: bad } as never); }, String(bad)).to.throw(InvalidInputError, /^invalid timeoutMs: expected milliseconds, a number > 0/);
    }
  });
});
