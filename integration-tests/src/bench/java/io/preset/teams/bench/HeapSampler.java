package io.preset.teams.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the Keycloak JVM's used heap from the management endpoint ({@code jvm_memory_used_bytes{area="heap"}},
 * summed over the pools); {@link #start()} samples it every 200 ms in the background and keeps the peak.
 */
final class HeapSampler {

    private final BenchHttp http = new BenchHttp();
    private final String metricsUrl;
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    HeapSampler(String managementUrl) {
        this.metricsUrl = managementUrl + "/metrics";
    }

    long usedBytes() {
        String body = http.send("GET", metricsUrl, null, null, null).expect(200).body();
        long sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    void start() {
        peak.set(0);
        running = true;
        thread = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(usedBytes(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    long stop() throws InterruptedException {
        running = false;
        thread.join();
        peak.accumulateAndGet(usedBytes(), Math::max);
        return peak.get();
    }

    /** Asks the Keycloak JVM for a full GC (jcmd), so that before/after figures are live data, not garbage. */
    static void gc(long pid) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (Exception e) {
            System.err.println("[bench] jcmd GC.run failed: " + e);
        }
    }
}
