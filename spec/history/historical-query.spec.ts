import { expect } from 'chai';
import { InvalidInputError } from '../../lib/errors.js';
import { BAR_SIZES_LIST } from '../../lib/history/bar-size.js';
import { checkHistoricalQuery, type HistoricalQueryInput } from '../../lib/history/historical-query.js';

/** The field of the InvalidInputError `input` is rejected with. */
function rejectedField(input: HistoricalQueryInput, keepUpToDate = false): string | undefined {
  try {
    checkHistoricalQuery(input, keepUpToDate);
    return undefined;
  } catch (error: unknown) {
    expect(error).to.be.instanceOf(InvalidInputError);
    return (error as InvalidInputError).field;
  }
}

describe('checkHistoricalQuery', () => {
  it('accepts IB\'s bar sizes and durations and fills the defaults (TRADES, all hours, now)', () => {
    const query = checkHistoricalQuery({ barSize: '1 min', duration: '1 D' }, false);
    expect(query).to.deep.include({ whatToShow: 'TRADES', useRTH: false, endDateTime: '', keepUpToDate: false });
    expect(query.barSize).to.include({ barSize: '1 min', unit: 'intraday', seconds: 60 });
    expect(query.duration).to.include({ duration: '1 D', count: 1, unit: 'D', seconds: 86_400 });
  });

  it('sends end as yyyyMMdd-HH:mm:ss in UTC', () => {
    expect(checkHistoricalQuery({ barSize: '1 day', duration: '1 Y', end: Date.UTC(2025, 5, 30, 20) }, false).endDateTime).to.equal('20250630-20:00:00');
  });

  it('names barSize for a bar size IB does not know (spelling included)', () => {
    for (const barSize of ['2 min', '1 mins', '1min', '1 sec', '1W', '1 hours', '', undefined, 60]) expect(rejectedField({ barSize, duration: '1 D' }), String(barSize)).to.equal('barSize');
  });

  it('names duration for a malformed duration', () => {
    for (const duration of ['1D', '1  D', '0 D', '-1 D', '1.5 D', '1 d', '1 H', 'D', '', undefined]) expect(rejectedField({ barSize: '1 day', duration }), String(duration)).to.equal('duration');
  });

  it('applies IB\'s longest duration per bar size', () => {
    const longest: Readonly<Record<string, readonly [string, string]>> = {
      '1 secs': ['1800 S', '1801 S'],
      '5 secs': ['3600 S', '3601 S'],
      '10 secs': ['14400 S', '14401 S'],
      '15 secs': ['14400 S', '14401 S'],
      '30 secs': ['28800 S', '28801 S'],
      '1 min': ['1 D', '2 D'],
      '2 mins': ['2 D', '3 D'],
      '3 mins': ['1 W', '8 D'],
      '20 mins': ['1 W', '8 D'],
      '30 mins': ['1 M', '31 D'],
      '8 hours': ['1 M', '5 W'],
      '1 day': ['20 Y', '20 Y'],
      '1 week': ['20 Y', '20 Y'],
      '1 month': ['20 Y', '20 Y'],
    };
    for (const [barSize, [ok, tooLong]] of Object.entries(longest)) {
      expect(rejectedField({ barSize, duration: ok }), `${barSize} ${ok}`).to.equal(undefined);
      if (ok !== tooLong) expect(rejectedField({ barSize, duration: tooLong }), `${barSize} ${tooLong}`).to.equal('duration');
    }
    expect(() => checkHistoricalQuery({ barSize: '1 min', duration: '2 D' }, false)).to.throw("invalid duration: expected at most 1 D (86400 S) with 1 min bars (IB's limit), got \"2 D\"");
  });

  it('knows every bar size of IB\'s list', () => {
    expect(BAR_SIZES_LIST).to.have.length(21);
    for (const barSize of BAR_SIZES_LIST) expect(rejectedField({ barSize, duration: '60 S' }), barSize).to.equal(undefined);
  });

  it('names whatToShow, useRTH and end for bad values', () => {
    expect(rejectedField({ barSize: '1 min', duration: '1 D', whatToShow: 'trades' })).to.equal('whatToShow');
    expect(rejectedField({ barSize: '1 min', duration: '1 D', whatToShow: 'SCHEDULE' })).to.equal('whatToShow');
    expect(rejectedField({ barSize: '1 min', duration: '1 D', useRTH: 1 })).to.equal('useRTH');
    expect(rejectedField({ barSize: '1 min', duration: '1 D', end: Number.NaN })).to.equal('end');
    expect(rejectedField({ barSize: '1 min', duration: '1 D', end: '20250101' })).to.equal('end');
    expect(rejectedField({ barSize: '1 day', duration: '1 Y', whatToShow: 'ADJUSTED_LAST', end: 0 })).to.equal('end');
  });

  it('keepUpToDate needs bars of 5 secs or more', () => {
    expect(rejectedField({ barSize: '1 secs', duration: '60 S' }, true)).to.equal('barSize');
    expect(rejectedField({ barSize: '5 secs', duration: '60 S' }, true)).to.equal(undefined);
    expect(rejectedField({ barSize: '1 day', duration: '1 M' }, true)).to.equal(undefined);
  });
});
