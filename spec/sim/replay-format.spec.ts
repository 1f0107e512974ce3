import { expect } from 'chai';
import { formatReplayRecord, parseReplayLine, ReplayFormatError } from '../../lib/sim/replay-format.js';

describe('parseReplayLine', () => {
  it('reads one record per line, with or without the delayed flag', () => {
    expect(parseReplayLine('{"t":1760000000123,"symbol":"AAPL","field":"bid","value":189.5,"delayed":false}')).to.deep.equal({
      t: 1760000000123, symbol: 'AAPL', field: 'bid', value: 189.5, delayed: false,
    });
    expect(parseReplayLine('{"t":1,"symbol":"IBM","field":"volume","value":3000,"extra":1}')).to.deep.equal({ t: 1, symbol: 'IBM', field: 'volume', value: 3000 });
  });

  it('skips blank lines', () => {
    expect(parseReplayLine('   ')).to.equal(undefined);
  });

  it('round-trips what formatReplayRecord writes', () => {
    const record = { t: 5, symbol: 'TSLA', field: 'lastSize', value: 2, delayed: true } as const;
    expect(parseReplayLine(formatReplayRecord(record))).to.deep.equal(record);
  });

  it('names the line and the problem for bad input', () => {
    const bad = ['{', '[1]', '{"symbol":"A","field":"bid","value":1}', '{"t":1,"symbol":"A","field":"halted","value":1}', '{"t":1,"symbol":"A","field":"bid","value":"1"}', '{"t":1,"symbol":"A","field":"bid","value":1,"delayed":1}'];
    for (const line of bad) expect(() => parseReplayLine(line, 7)).to.throw(ReplayFormatError, /^replay line 7: /);
  });
});
