package io.preset.teams.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.admin.client.Keycloak;

/**
 * One node of a {@link KeycloakCluster}: an optimized Keycloak ({@code kc.sh start --optimized}) running from its own
 * copy of the built distribution, with its own HTTP, management and JGroups ports and its own log
 * ({@code keycloak-cluster-node<N>.log}). It can be killed with SIGKILL and started again on the same ports.
 */
public final class ClusterNode implements KeycloakTarget {

    /**
     * Infinispan logs every view change, e.g.
     * {@code ISPN000094: Received new cluster view for channel ISPN: [node1(v=16.0.14)|1] (2) [node1(v=16.0.14), node2(v=16.0.14)]}.
     */
    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\[[^\\]]*\\] \\((\\d+)\\) \\[[^\\]]*\\]");

    private final int index;
    private final Path runDir;
    private final Path logFile;
    private final int httpPort;
    private final int mgmtPort;
    private final int clusterPort;
    private final List<String> sharedOptions;
    private Process process;
    private Keycloak admin;
    private int starts;
    /** Length of the log when the current run started: cluster views of earlier runs do not count. */
    private volatile long logOffset;

    ClusterNode(int index, Path runDir, Path logFile, int clusterPort, List<String> sharedOptions) {
        this.index = index;
        this.runDir = runDir;
        this.logFile = logFile;
        int[] ports = LocalKeycloak.freePorts(2);
        this.httpPort = ports[0];
        this.mgmtPort = ports[1];
        this.clusterPort = clusterPort;
        this.sharedOptions = List.copyOf(sharedOptions);
    }

    public int index() {
        return index;
    }

    @Override
    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    @Override
    public String managementUrl() {
        return "http://localhost:" + mgmtPort;
    }

    @Override
    public String db() {
        return "postgres";
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    public Path runDir() {
        return runDir;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized Keycloak adminClient() {
        if (!isRunning()) {
            throw new IllegalStateException(this + " is not running");
        }
        if (admin == null) {
            admin = Keycloak.getInstance(baseUrl(), "master", KeycloakCluster.ADMIN_USER, KeycloakCluster.ADMIN_PASSWORD, "admin-cli");
        }
        return admin;
    }

    /** Starts the node (appending to its log) and waits for {@code /health/ready}. */
    public synchronized void start(boolean importRealm, Duration timeout) {
        if (isRunning()) {
            throw new IllegalStateException(this + " is already running");
        }
        Instant t0 = Instant.now();
        List<String> cmd = new ArrayList<>();
        if (LocalKeycloak.canUsePdeathsig()) {
            cmd.addAll(List.of("setpriv", "--pdeathsig", "TERM", "--"));
        }
        cmd.add(runDir.resolve("bin/kc.sh").toString());
        cmd.add("start");
        cmd.add("--optimized");
        cmd.add("--http-enabled=true");
        cmd.add("--hostname-strict=false");
        cmd.add("--http-port=" + httpPort);
        cmd.add("--http-management-port=" + mgmtPort);
        // two nodes on one host: both bind JGroups to loopback on their own port (FD_SOCK2 uses port + 50000)
        cmd.add("--cache-embedded-network-bind-address=127.0.0.1");
        cmd.add("--cache-embedded-network-bind-port=" + clusterPort);
        cmd.add("--spi-cache-embedded--default--node-name=node" + index); // readable cluster views in the logs
        cmd.add("--log-console-color=false");
        cmd.add("--log-level=" + System.getProperty("kc.log.level", "INFO,io.preset:debug"));
        if (importRealm) {
            cmd.add("--import-realm");
        }
        cmd.addAll(sharedOptions);
        logOffset = logSize();
        appendToLog("# " + Instant.now() + " start #" + (++starts) + " of cluster node " + index + " in " + runDir
                + "\n# " + String.join(" ", cmd) + "\n");

        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(runDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakCluster.ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakCluster.ADMIN_PASSWORD);
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        process = startFromLongLivedThread(pb);
        System.out.printf("[cluster] node %d starting, pid %d, %s, log %s%n", index, process.pid(), baseUrl(), logFile);
        awaitReady(timeout);
        System.out.printf("[cluster] node %d ready in %.1f s (%s, management %s, JGroups 127.0.0.1:%d)%n", index,
                seconds(t0), baseUrl(), managementUrl(), clusterPort);
    }

    /** SIGKILL to the JVM and its kc.sh parent: no shutdown hook, no graceful leave from the cluster. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Instant t0 = Instant.now();
        ProcessHandle root = process.toHandle();
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly); // java first: kc.sh would otherwise just wait for it
        root.destroyForcibly();
        tree.add(root);
        LocalKeycloak.awaitExit(tree, Duration.ofSeconds(20));
        closeAdmin();
        appendToLog("# " + Instant.now() + " killed with SIGKILL by the test\n");
        System.out.printf("[cluster] node %d killed (SIGKILL) in %.1f s%n", index, seconds(t0));
    }

    /** Graceful stop (SIGTERM, then SIGKILL after the grace period). */
    public synchronized void stop() {
        closeAdmin();
        if (process != null && process.isAlive()) {
            LocalKeycloak.stopProcessTree(process.toHandle(), Duration.ofSeconds(30));
        }
    }

    /** Size of the last Infinispan cluster view this run of the node logged (0 if none yet). */
    public int lastClusterViewSize() {
        int size = 0;
        Matcher m = VIEW.matcher(readLogOfThisRun());
        while (m.find()) {
            size = Integer.parseInt(m.group(1));
        }
        return size;
    }

    /** Waits until the last cluster view this run of the node logged has {@code members} members; returns it. */
    public String awaitClusterView(int members, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String log = readLogOfThisRun();
            Matcher m = VIEW.matcher(log);
            String last = null;
            int size = 0;
            while (m.find()) {
                size = Integer.parseInt(m.group(1));
                last = m.group();
            }
            if (size == members) {
                return last;
            }
            LocalKeycloak.sleep(500);
        }
        throw new AssertionError("node " + index + ": no cluster view with " + members + " members after "
                + timeout.toSeconds() + " s (last view size " + lastClusterViewSize() + "), see " + logFile);
    }

    /** The node's log since its last start (earlier runs are in the same file, before it). */
    public String readLogOfThisRun() {
        try {
            if (!Files.exists(logFile)) {
                return "";
            }
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(logOffset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long logSize() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        String health = managementUrl() + "/health/ready";
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("cluster node " + index + " exited with code " + process.exitValue()
                        + " before it was ready, see " + logFile);
            }
            try {
                Http.Response r = Http.request("GET", health).timeout(Duration.ofSeconds(3)).send();
                if (r.status() == 200 && r.json() != null && "UP".equals(r.json().path("status").asText())) {
                    return;
                }
                last = r.toString();
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            LocalKeycloak.sleep(500);
        }
        throw new IllegalStateException("cluster node " + index + " not ready after " + timeout.toSeconds() + " s ("
                + health + ": " + last + "), see " + logFile);
    }

    /** PR_SET_PDEATHSIG fires when the parent thread exits: start from a daemon thread that lives as long as the process. */
    private Process startFromLongLivedThread(ProcessBuilder pb) {
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                Process p = pb.start();
                started.complete(p);
                p.waitFor();
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
            } catch (InterruptedException ignored) {
                // JVM is going down
            }
        }, "keycloak-cluster-node" + index + "-process");
        t.setDaemon(true);
        t.start();
        try {
            return started.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start " + pb.command() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("process start timed out", e);
        }
    }

    private void closeAdmin() {
        if (admin != null) {
            try {
                admin.close();
            } catch (RuntimeException ignored) {
                // best effort
            }
            admin = null;
        }
    }

    private void appendToLog(String text) {
        try {
            Files.writeString(logFile, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops this node only; {@link KeycloakCluster#close()} stops every node and drops the database. */
    @Override
    public void close() {
        stop();
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    @Override
    public String toString() {
        return "ClusterNode[" + index + ", " + baseUrl() + "]";
    }
}
