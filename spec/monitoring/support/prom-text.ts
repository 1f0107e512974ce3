// A strict-enough reader of the Prometheus text exposition format (0.0.4) for the specs.

export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface PromText {
  /** Metric family name → its TYPE. */
  readonly types: ReadonlyMap<string, string>;
  readonly samples: readonly PromSample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,(?:${LABEL}))*,?)?\\})? (\\S+)(?: -?\\d+)?$`);
const LABEL_PAIR = new RegExp(`([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"`, 'g');
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Parses exposition text; throws on the first line that is not valid, or a sample without a TYPE. */
export function parsePromText(text: string): PromText {
  const types = new Map<string, string>();
  const samples: PromSample[] = [];
  text.split('\n').forEach((line, index) => {
    const where = `line ${index + 1}: ${JSON.stringify(line)}`;
    if (line === '') return;
    if (line.startsWith('#')) {
      const meta = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (meta === null) return; // a plain comment
      if (!new RegExp(`^${NAME}$`).test(meta[2] ?? '')) throw new Error(`bad metric name, ${where}`);
      if (meta[1] === 'TYPE') {
        if (!TYPES.has(meta[3] ?? '')) throw new Error(`bad TYPE, ${where}`);
        if (types.has(meta[2] ?? '')) throw new Error(`second TYPE, ${where}`);
        types.set(meta[2] ?? '', meta[3] ?? '');
      }
      return;
    }
    const match = SAMPLE.exec(line);
    if (match === null) throw new Error(`not a sample, ${where}`);
    const [, name = '', labelText = '', valueText = ''] = match;
    const value = valueText === '+Inf' ? Infinity : valueText === '-Inf' ? -Infinity : Number(valueText);
    if (Number.isNaN(value) && valueText !== 'NaN') throw new Error(`bad value, ${where}`);
    if (!types.has(name) && !types.has(name.replace(/_(bucket|sum|count)$/, ''))) throw new Error(`sample before its TYPE, ${where}`);
    const labels: Record<string, string> = {};
    for (const pair of labelText.matchAll(LABEL_PAIR)) labels[pair[1] ?? ''] = pair[2] ?? '';
    samples.push({ name, labels, value });
  });
  return { types, samples };
}

/** The samples of one metric name. */
export function samplesOf(text: PromText, name: string): PromSample[] {
  return text.samples.filter((s) => s.name === name);
}
