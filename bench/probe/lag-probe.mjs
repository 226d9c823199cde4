// Preloaded into each benchmarked server (node --import): samples the server's event-loop delay
// and writes a snapshot to $BENCH_LAG_FILE every 200 ms; SIGUSR2 starts a new window. It reads
// nothing of the server and changes nothing in it.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_LAG_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 2 });
  histogram.enable();
  const write = () => {
    const ms = (ns) => ns / 1e6;
    const snapshot = {
      at: Date.now(),
      count: histogram.count,
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    };
    try {
      // Write then rename, so the bench never reads half a file.
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(snapshot));
      fs.renameSync(`${file}.tmp`, file);
    } catch {
      /* the bench removed the folder */
    }
  };
  process.on('SIGUSR2', () => {
    histogram.reset();
    write();
  });
  setInterval(write, 200).unref();
}
