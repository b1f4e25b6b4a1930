/**
 * How the API process is started, everywhere: by `pnpm start`'s supervising process
 * (api/src/start.ts), the bench and the tests that spawn it.
 *
 * The heap cap keeps the process under the 512 MB RSS target: without it V8 sizes the old space
 * from the machine's memory (~4 GB here) and collects lazily, so a 50,000-row roster import left
 * the process at ~450 MB resident although its live data fits in 256 MB (measured: the same
 * import with a 256 MB cap peaked at 358 MB RSS and took as long). 384 MB leaves room for load.
 */
export const API_NODE_ARGS = ['--max-old-space-size=384', '--import', 'tsx', 'api/src/main.ts'] as const;

/**
 * `pnpm start` (package.json; a test keeps the two equal): a small process that owns the
 * embedded services and runs the API process (API_NODE_ARGS) as its child.
 */
export const START_NODE_ARGS = ['--import', 'tsx', 'api/src/start.ts'] as const;
