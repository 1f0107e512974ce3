// The TWS simulator: a server speaking the TWS API socket protocol (market-data subset).
// Imports nothing from the client side of ib-rx.
export { startSimulator } from './simulator.js';
export type { Simulator, ConnectivityLossOptions, BurstOptions, BurstResult } from './simulator-api.js';
export type { SimulatorOptions } from './options.js';
export { GARBAGE_MODES } from './garbage.js';
export type { GarbageMode } from './garbage.js';
export type { SimStats, SimClientStats, SimRequestRecord, SimSubscription } from './stats.js';
export { parseReplayLine, formatReplayRecord, ReplayFormatError } from './replay-format.js';
export type { ReplayRecord, ReplayField } from './replay-format.js';
export { readReplayFile } from './replay.js';
export { DEFAULT_UNIVERSE } from './universe.js';
export type { SimInstrument } from './universe.js';
export { createSimCommand } from './sim-command.js';
export type { SimCommandIo } from './sim-command.js';
