import { expect } from 'chai';
import { parseConfig } from '../../../lib/config/index.js';
import type { ConfigInput } from '../../../lib/config/index.js';
import { sourceTitle, TITLE_MAX_WIDTH } from '../../../lib/cli/render/source-title.js';

const COMMANDS = ['watch', 'snapshot', 'record', 'search', 'contract'];
const target = (simulated: boolean, input: ConfigInput) => ({ simulated, config: parseConfig(input) });

describe('sourceTitle', () => {
  it('leaves room for the "# " of piped watch output in 80 columns', () => {
    expect(TITLE_MAX_WIDTH + '# '.length).to.equal(80);
  });

  it('says SIMULATED and where the simulator listens, within the width, for every command', () => {
    for (const command of COMMANDS) {
      const title = sourceTitle(command, target(true, { api: { port: 65_535 } }));
      expect(title).to.match(new RegExp(`^ib-rx ${command} · SIMULATED data .*127\\.0\\.0\\.1:65535$`));
      expect(title.length, title).to.be.at.most(TITLE_MAX_WIDTH);
    }
  });

  it('names the gateway, the client id and the data type asked, in fewer words when that does not fit', () => {
    expect(sourceTitle('watch', target(false, {}))).to.equal('ib-rx watch · TWS / IB Gateway 127.0.0.1:7497 · client 0 · asked delayed');
    const title = sourceTitle('snapshot', target(false, { api: { port: 4002, client_id: 12 }, market_data: { data_type: 'delayed-frozen' } }));
    expect(title).to.equal('ib-rx snapshot · TWS / IB Gateway 127.0.0.1:4002 · client 12 · delayed-frozen');
  });

  it('shortens a long host name (keeping the port) and then the end, never past the width', () => {
    const host = 'ib-gateway-paper-trading.research.internal.example.com';
    for (const command of COMMANDS) {
      const title = sourceTitle(command, target(false, { api: { tws_endpoint: host, port: 4002, client_id: 2 ** 31 - 1 }, market_data: { data_type: 'delayed-frozen' } }));
      expect(title.length, title).to.be.at.most(TITLE_MAX_WIDTH);
      expect(title).to.match(new RegExp(`^ib-rx ${command} · ib-gateway`));
    }
    const title = sourceTitle('watch', target(false, { api: { tws_endpoint: host, port: 4002 } }));
    expect(title).to.match(/^ib-rx watch · ib-gateway-paper\S*…:4002 · client 0 · delayed$/);
  });
});
