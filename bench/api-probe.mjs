// Preloaded into the API process by bench/search-load.ts --probe (`node --import bench/api-probe.mjs`):
// what the process does under load beyond its CPU time. On SIGUSR2 it writes what it saw since the
// last signal to /tmp/anju-api-probe-<pid>.json and starts a new window: event-loop delay
// (perf_hooks.monitorEventLoopDelay), garbage collection (count and pause time), waits for a
// PostgreSQL connection (pg.Pool's connect, resolved from the API's own node_modules) and the
// sockets opened by any http.Agent (the Meilisearch client's keep-alive agent is the only one).
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let window = fresh();
function fresh() {
  return { gcCount: 0, gcMs: 0, pgConnects: 0, pgWaitMs: 0, pgWaitMaxMs: 0, socketsOpened: 0 };
}

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.gcCount++;
    window.gcMs += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

const createConnection = http.Agent.prototype.createConnection;
http.Agent.prototype.createConnection = function (...args) {
  window.socketsOpened++;
  return createConnection.apply(this, args);
};

try {
  const require = createRequire(new URL('../api/package.json', import.meta.url));
  const { Pool } = require('pg');
  const connect = Pool.prototype.connect;
  Pool.prototype.connect = function (callback) {
    const started = performance.now();
    const counted = () => {
      const waited = performance.now() - started;
      window.pgConnects++;
      window.pgWaitMs += waited;
      window.pgWaitMaxMs = Math.max(window.pgWaitMaxMs, waited);
    };
    if (callback) {
      return connect.call(this, (error, client, release) => {
        counted();
        callback(error, client, release);
      });
    }
    return connect.call(this).then((client) => {
      counted();
      return client;
    });
  };
} catch (error) {
  console.error('api-probe: pg not found, PostgreSQL waits not counted', error);
}

process.on('SIGUSR2', () => {
  const report = {
    ...window,
    loopDelayP50Ms: delay.percentile(50) / 1e6,
    loopDelayP99Ms: delay.percentile(99) / 1e6,
    loopDelayMaxMs: delay.max / 1e6,
    heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
  };
  writeFileSync(`/tmp/anju-api-probe-${process.pid}.json`, JSON.stringify(report));
  delay.reset();
  window = fresh();
});
