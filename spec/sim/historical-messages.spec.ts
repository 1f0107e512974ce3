import { expect } from 'chai';
import { headTimestampMsg, historicalDataMsgs, historicalDataUpdateMsg, type BarRow } from '../../lib/sim/historical-messages.js';

const TRADES: BarRow = { time: '20251201', open: 229.5, high: 231, low: 228.25, close: 230.1, volume: 512_345, wap: 229.8712, count: 153_703 };
const MIDPOINT: BarRow = { time: '1764599400', open: 1.0843, high: 1.0846, low: 1.08425, close: 1.0845, volume: -1, wap: -1, count: -1 };

describe('historicalDataMsgs', () => {
  it('writes 17|3|reqId|start|end|n|(time|o|h|l|c|volume|wap|hasGaps|count)… below 124', () => {
    expect(historicalDataMsgs(123, 7, 'S', 'E', [TRADES])).to.deep.equal([
      [17, 3, 7, 'S', 'E', 1, '20251201', '229.5', '231', '228.25', '230.1', 512_345, '229.8712', 'false', 153_703],
    ]);
  });

  it('drops the version and hasGaps from 124 (SYNT_REALTIME_BARS) to 195', () => {
    expect(historicalDataMsgs(193, 7, 'S', 'E', [TRADES, MIDPOINT])).to.deep.equal([
      [17, 7, 'S', 'E', 2, '20251201', '229.5', '231', '228.25', '230.1', 512_345, '229.8712', 153_703,
        '1764599400', '1.0843', '1.0846', '1.08425', '1.0845', -1, -1, -1],
    ]);
  });

  it('moves start and end into historicalDataEnd 108 from 196 (HISTORICAL_DATA_END)', () => {
    expect(historicalDataMsgs(196, 7, 'S', 'E', [])).to.deep.equal([[17, 7, 0], [108, 7, 'S', 'E']]);
  });
});

describe('historicalDataUpdateMsg / headTimestampMsg', () => {
  it('writes 90|reqId|count|time|open|close|high|low|wap|volume (close before high)', () => {
    expect(historicalDataUpdateMsg(9, TRADES)).to.deep.equal([90, 9, 153_703, '20251201', '229.5', '230.1', '231', '228.25', '229.8712', 512_345]);
  });

  it('writes 88|reqId|timestamp', () => {
    expect(headTimestampMsg(4, '345398400')).to.deep.equal([88, 4, '345398400']);
  });
});
