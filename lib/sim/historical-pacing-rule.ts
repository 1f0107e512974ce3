/**
 * Which of IB's historical pacing rules a request broke: an identical request too soon, too many
 * for one contract / exchange / tick type in the short window, too many in the long window, or too
 * many open requests on the connection.
 */
export type HistoricalPacingRule = 'identical' | 'burst' | 'window' | 'open';
