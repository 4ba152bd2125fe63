package io.preset.teams.it.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Several Keycloak nodes from the unpacked distribution on loopback, clustered the way production is: one PostgreSQL
 * database (fresh, dropped at {@link #close()}), Keycloak's default {@code ispn} cache with the {@code jdbc-ping}
 * stack (members discover each other through a table of that database), and an optimized server image.
 *
 * <p>The distribution ({@code kc.home}) is copied once to {@code <kc.work.dir>/kc-cluster-build/} with our providers
 * ({@code kc.providers.dir}) and the realm ({@code kc.realm.dir}), built with {@link #BUILD_OPTIONS}, and then copied
 * to one run dir per node ({@code kc-cluster-node<N>/}). Logs: {@code <kc.log.dir>/keycloak-cluster-build.log} and
 * {@code keycloak-cluster-node<N>.log}. Node 1 imports the realm; the others start after it.
 */
public final class KeycloakCluster implements AutoCloseable {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin";
    /** The same build as docker/Dockerfile. */
    public static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--features=declarative-ui",
            "--health-enabled=true", "--metrics-enabled=true");
    /** FD_SOCK2 of the default JGroups stacks listens on the transport port + this offset. */
    private static final int FD_SOCK2_OFFSET = 50000;

    private final Path workDir;
    private final Path logDir;
    private final Path stateFile;
    private final PostgresDatabase postgres;
    private final List<ClusterNode> nodes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "keycloak-cluster-shutdown");
    private boolean closed;

    private KeycloakCluster(Path workDir, Path logDir, PostgresDatabase postgres) {
        this.workDir = workDir;
        this.logDir = logDir;
        this.stateFile = workDir.resolve("kc-cluster.state");
        this.postgres = postgres;
    }

    /** Builds the optimized server once, starts {@code size} nodes one after the other and waits until each is ready. */
    public static KeycloakCluster start(int size) {
        Path home = LocalKeycloak.requiredDir("kc.home");
        Path workDir = LocalKeycloak.absolute(System.getProperty("kc.work.dir", "target"));
        Path logDir = LocalKeycloak.absolute(System.getProperty("kc.log.dir", workDir.toString()));
        cleanUpStaleRun(workDir);
        KeycloakCluster cluster = new KeycloakCluster(workDir, logDir, PostgresDatabase.createFresh());
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.writeState();
            Path built = cluster.build(home);
            Duration timeout = Duration.ofSeconds(Long.getLong("kc.startup.timeout", 300));
            List<Integer> clusterPorts = clusterPorts(size);
            for (int i = 1; i <= size; i++) {
                Instant t0 = Instant.now();
                Path runDir = workDir.resolve("kc-cluster-node" + i);
                LocalKeycloak.deleteRecursively(runDir);
                LocalKeycloak.copyTree(built, runDir);
                System.out.printf("[cluster] node %d run dir copied in %.1f s%n", i, seconds(t0));
                Path log = logDir.resolve("keycloak-cluster-node" + i + ".log");
                Files.deleteIfExists(log);
                ClusterNode node = new ClusterNode(i, runDir, log, clusterPorts.get(i - 1), cluster.runtimeOptions());
                cluster.nodes.add(node);
                node.start(i == 1, timeout);
            }
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Node {@code n}, counted from 1. */
    public ClusterNode node(int n) {
        return nodes.get(n - 1);
    }

    public List<ClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    /** A JDBC connection to the cluster's database (the caller closes it). */
    public Connection openDatabaseConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", postgres.user);
        props.setProperty("password", postgres.password);
        return DriverManager.getConnection(postgres.jdbcUrl(), props);
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    /** Options every node starts with: the shared database and the default clustering, spelled out. */
    private List<String> runtimeOptions() {
        return List.of("--db-url=" + postgres.jdbcUrl(), "--db-username=" + postgres.user,
                "--db-password=" + postgres.password, "--cache=ispn", "--cache-stack=jdbc-ping");
    }

    private Path build(Path home) throws IOException {
        Instant t0 = Instant.now();
        Path buildDir = workDir.resolve("kc-cluster-build");
        LocalKeycloak.deleteRecursively(buildDir);
        LocalKeycloak.copyTree(home, buildDir);
        Path providers = Files.createDirectories(buildDir.resolve("providers"));
        LocalKeycloak.copyMatching(Paths.get(System.getProperty("kc.providers.dir", "target/kc-providers")), "*.jar", providers);
        Path imports = Files.createDirectories(buildDir.resolve("data/import"));
        String realmDir = System.getProperty("kc.realm.dir");
        if (realmDir != null) {
            LocalKeycloak.copyMatching(Paths.get(realmDir), "*.json", imports);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(buildDir.resolve("bin/kc.sh").toString());
        cmd.add("build");
        cmd.addAll(BUILD_OPTIONS);
        Path log = Files.createDirectories(logDir).resolve("keycloak-cluster-build.log");
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            w.write("# " + Instant.now() + " " + String.join(" ", cmd) + "\n");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(buildDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_"));
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                LocalKeycloak.stopProcessTree(p.toHandle(), Duration.ofSeconds(5));
                throw new IllegalStateException("kc.sh build did not finish in 5 minutes, see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build failed with exit code " + p.exitValue() + ", see " + log);
        }
        System.out.printf("[cluster] kc.sh build %s in %.1f s (database %s)%n", String.join(" ", BUILD_OPTIONS),
                seconds(t0), postgres.jdbcUrl());
        return buildDir;
    }

    /**
     * Ports for the JGroups transport of each node: free on loopback, and so is port + {@value #FD_SOCK2_OFFSET}
     * (failure detection), hence below 15535.
     */
    private static List<Integer> clusterPorts(int n) {
        List<Integer> ports = new ArrayList<>();
        int candidate = 7800 + ThreadLocalRandom.current().nextInt(6000);
        while (ports.size() < n && candidate < 65535 - FD_SOCK2_OFFSET) {
            if (isFree(candidate) && isFree(candidate + FD_SOCK2_OFFSET)) {
                ports.add(candidate);
            }
            candidate += 17;
        }
        if (ports.size() < n) {
            throw new IllegalStateException("no free JGroups ports found");
        }
        return ports;
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ clean-up

    /** Stops every node still running and drops the database (idempotent; also run by a JVM shutdown hook). */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (ClusterNode node : nodes) {
            node.stop();
        }
        postgres.dropQuietly();
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException ignored) {
            // harmless
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // JVM already shutting down
            }
        }
        System.out.println("[cluster] stopped, database " + postgres.name + " dropped");
    }

    private void writeState() throws IOException {
        Properties p = new Properties();
        p.setProperty("pgDatabase", postgres.name);
        try (BufferedWriter w = Files.newBufferedWriter(stateFile, StandardCharsets.UTF_8)) {
            p.store(w, "written by " + KeycloakCluster.class.getName() + "; removed on clean stop");
        }
    }

    /** Kills nodes of an earlier run that died hard (they run from our run dirs) and drops its database. */
    private static void cleanUpStaleRun(Path workDir) {
        String marker = workDir.resolve("kc-cluster-").toString();
        ProcessHandle.allProcesses()
                .filter(h -> h.pid() != ProcessHandle.current().pid())
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(h -> {
                    System.err.println("[cluster] killing leftover Keycloak process " + h.pid());
                    LocalKeycloak.stopProcessTree(h, Duration.ofSeconds(10));
                });
        Path state = workDir.resolve("kc-cluster.state");
        if (Files.exists(state)) {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(state, StandardCharsets.UTF_8)) {
                p.load(r);
                Files.delete(state);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String db = p.getProperty("pgDatabase");
            if (db != null) {
                System.err.println("[cluster] dropping leftover database " + db);
                PostgresDatabase.named(db).dropQuietly();
            }
        }
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
