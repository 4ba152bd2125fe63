package io.preset.teams.it.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.keycloak.admin.client.Keycloak;

/**
 * Keycloak from the unpacked distribution ({@code kc.home}), started as a child process in {@code start-dev} mode
 * in a private copy under {@code <kc.work.dir>/kc-run-<db>/}.
 *
 * <p>System properties (failsafe sets the first ones, see integration-tests/pom.xml):
 * <ul>
 *   <li>{@code kc.home} – unpacked keycloak-quarkus-dist (required)</li>
 *   <li>{@code kc.providers.dir} – every {@code *.jar} in it is copied to {@code providers/}</li>
 *   <li>{@code kc.realm.dir} – every {@code *.json} in it is copied to {@code data/import/}</li>
 *   <li>{@code kc.db} – {@code h2} (default, {@code --db=dev-file}: {@code data/h2/} of the run dir, so it survives
 *       {@link #restart} and is fresh per run because the run dir is recreated) or {@code postgres} (fresh database,
 *       dropped at stop)</li>
 *   <li>{@code kc.work.dir}, {@code kc.log.dir} – default {@code target}; the log is {@code keycloak-<db>.log}</li>
 *   <li>{@code kc.startup.timeout} – seconds to wait for {@code /health/ready} (default 300)</li>
 *   <li>{@code kc.log.level} – default {@code INFO,io.preset:debug}</li>
 *   <li>{@code kc.features} – default {@code declarative-ui}</li>
 *   <li>{@code kc.test.args} – whitespace-separated options the IT suite needs (the pom sets the forwarder's
 *       test timings), appended to the command line</li>
 *   <li>{@code kc.args} – extra whitespace-separated options appended after them (for a developer's own run)</li>
 * </ul>
 *
 * <p>Keycloak's DNS resolver for email-domain verification is {@link StubDns} on loopback.
 *
 * <p>Clean-up: {@link #close()} (called at the end of the JUnit run and from a JVM shutdown hook) stops the process
 * tree and drops the PostgreSQL database. If the test JVM is killed hard, {@code setpriv --pdeathsig} (when
 * available) makes the kernel send SIGTERM to Keycloak, and the next start removes leftovers recorded in
 * {@code kc-run-<db>.state}.
 */
public final class LocalKeycloak implements KeycloakTarget {

    private static final String ADMIN_USER = "admin";
    private static final String ADMIN_PASSWORD = "admin";

    private final String db;
    private final Path runDir;
    private final Path stateFile;
    private final Path logFile;
    private final int httpPort;
    private final int mgmtPort;
    private final PostgresDatabase postgres;
    private final Thread shutdownHook;
    private Process process;
    private Keycloak admin;
    private boolean closed;

    private Consumer<LocalKeycloak> beforeFirstStart;
    private String hostname;

    private LocalKeycloak(String db, Path workDir, Path logDir, PostgresDatabase postgres) {
        this(db, db, workDir, logDir, postgres);
    }

    private LocalKeycloak(String name, String db, Path workDir, Path logDir, PostgresDatabase postgres) {
        this.db = db;
        this.runDir = workDir.resolve("kc-run-" + name);
        this.stateFile = workDir.resolve("kc-run-" + name + ".state");
        this.logFile = logDir.resolve("keycloak-" + name + ".log");
        this.postgres = postgres;
        int[] ports = freePorts(2);
        this.httpPort = ports[0];
        this.mgmtPort = ports[1];
        this.shutdownHook = new Thread(this::close, "keycloak-" + db + "-shutdown");
    }

    /**
     * Serves under another server's URL ({@code --hostname}), as a restored server takes over its predecessor's
     * name: tokens it issues, and those it accepts, carry that issuer. Call before the first start.
     */
    public void useHostname(String url) {
        this.hostname = url;
    }

    /** Starts Keycloak and waits until it is ready; on failure everything started so far is cleaned up. */
    public static LocalKeycloak start(String db) {
        return start(db, db, null);
    }

    /**
     * A second, independent Keycloak with its own run dir {@code kc-run-<name>}, ports and fresh database;
     * {@code beforeFirstStart} runs once its run dir is prepared, before it starts (e.g. a {@code kc.sh import}).
     * The caller closes it.
     */
    public static LocalKeycloak startAnother(String name, String db, Consumer<LocalKeycloak> beforeFirstStart) {
        return start(name, db, beforeFirstStart);
    }

    private static LocalKeycloak start(String name, String db, Consumer<LocalKeycloak> beforeFirstStart) {
        Path home = requiredDir("kc.home");
        Path workDir = absolute(System.getProperty("kc.work.dir", "target"));
        Path logDir = absolute(System.getProperty("kc.log.dir", workDir.toString()));
        cleanUpStaleRun(workDir, name);

        PostgresDatabase pg = switch (db) {
            case "h2" -> null;
            case "postgres" -> PostgresDatabase.createFresh();
            default -> throw new IllegalArgumentException("kc.db must be h2 or postgres, got " + db);
        };
        LocalKeycloak kc = new LocalKeycloak(name, db, workDir, logDir, pg);
        kc.beforeFirstStart = beforeFirstStart;
        Runtime.getRuntime().addShutdownHook(kc.shutdownHook);
        try {
            kc.launch(home);
            return kc;
        } catch (RuntimeException | Error e) {
            kc.close();
            throw e;
        }
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
        return db;
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    /** Private copy of the distribution this server runs from. */
    public Path runDir() {
        return runDir;
    }

    @Override
    public synchronized Keycloak adminClient() {
        if (closed) {
            throw new IllegalStateException("Keycloak (" + db + ") has been stopped");
        }
        if (admin == null) {
            admin = Keycloak.getInstance(baseUrl(), "master", ADMIN_USER, ADMIN_PASSWORD, "admin-cli");
        }
        return admin;
    }

    // ------------------------------------------------------------------------------------------------ start

    private void launch(Path home) {
        Instant t0 = Instant.now();
        prepareRunDir(home);
        if (beforeFirstStart != null) {
            beforeFirstStart.accept(this);
        }
        List<String> cmd = command();
        writeLogHeader(cmd, beforeFirstStart != null); // keeps what beforeFirstStart's commands wrote
        writeState(null);
        startProcess(cmd, t0);
    }

    private void startProcess(List<String> cmd, Instant t0) {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(runDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));

        process = startFromLongLivedThread(pb);
        writeState(process.pid());
        System.out.printf("[it] Keycloak (%s) starting, pid %d, %s, log %s%n", db, process.pid(), baseUrl(), logFile);

        awaitReady(Duration.ofSeconds(Long.getLong("kc.startup.timeout", 300)));
        System.out.printf("[it] Keycloak (%s) ready in %.1f s at %s (management %s%s)%n", db,
                Duration.between(t0, Instant.now()).toMillis() / 1000.0, baseUrl(), managementUrl(),
                postgres != null ? ", database " + postgres.jdbcUrl() : "");
    }

    @Override
    public boolean usesStubDns() {
        return true;
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    /**
     * Stops the process (SIGTERM, or SIGKILL when {@code hard}: a node dying mid-request), runs {@code whileStopped}
     * and starts it again on the same run dir, ports and database, waiting for {@code /health/ready}. The admin
     * client is recreated on next use. Data, SCIM tokens and realm keys live in the database and survive; an access
     * token issued before may not (its session can be lost, e.g. by a kill): take a fresh {@link #adminToken()}.
     */
    @Override
    public void restart(boolean hard, Runnable whileStopped) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Keycloak (" + db + ") has been stopped");
            }
            closeAdminClient();
        }
        Instant t0 = Instant.now();
        if (hard) {
            ProcessHandle root = process.toHandle();
            List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
            tree.add(0, root);
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, Duration.ofSeconds(10));
        } else {
            stopProcessTree(process.toHandle(), Duration.ofSeconds(30));
        }
        System.out.printf("[it] Keycloak (%s) %s after %.1f s, restarting%n", db, hard ? "killed" : "stopped",
                Duration.between(t0, Instant.now()).toMillis() / 1000.0);
        if (whileStopped != null) {
            whileStopped.run();
        }
        List<String> cmd = command();
        writeLogHeader(cmd, true);
        startProcess(cmd, Instant.now());
    }

    private void closeAdminClient() {
        if (admin != null) {
            try {
                admin.close();
            } catch (RuntimeException ignored) {
                // best effort
            }
            admin = null;
        }
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>();
        if (canUsePdeathsig()) {
            // the kernel sends SIGTERM to kc.sh (which forwards it to java) when the launching thread dies,
            // i.e. also when this JVM is killed with SIGKILL
            cmd.addAll(List.of("setpriv", "--pdeathsig", "TERM", "--"));
        }
        cmd.add(runDir.resolve("bin/kc.sh").toString());
        cmd.add("start-dev");
        cmd.add("--import-realm");
        cmd.add("--http-port=" + httpPort);
        cmd.add("--http-management-port=" + mgmtPort);
        cmd.add("--health-enabled=true");
        cmd.add("--metrics-enabled=true");
        String features = System.getProperty("kc.features", "declarative-ui");
        if (!features.isBlank()) {
            cmd.add("--features=" + features);
        }
        cmd.add("--cache=local");
        if (hostname != null) {
            cmd.add("--hostname=" + hostname);
        }
        cmd.add("--log-level=" + System.getProperty("kc.log.level", "INFO,io.preset:debug"));
        cmd.add("--log-console-color=false");
        cmd.addAll(dbOptions());
        // DNS verification of email domains asks the stub server of this JVM (DomainsIT sets its records)
        cmd.add("--spi-preset-domains--default--dns-servers=" + StubDns.shared().address());
        // the IdP realms the SSO tests play Okta with are on this server: let their metadata URL be fetched
        cmd.add("--spi-realm-restapi-extension--teams--saml-metadata-private-hosts=localhost");
        // metadata URLs are fetched again every 15 s, so that EntraSsoIT sees a key rollover picked up by itself
        cmd.add("--spi-realm-restapi-extension--teams--saml-metadata-refresh-interval=15s");
        for (String property : List.of("kc.test.args", "kc.args")) {
            String extra = System.getProperty(property, "").trim();
            if (!extra.isEmpty()) {
                cmd.addAll(Arrays.asList(extra.split("\\s+")));
            }
        }
        return cmd;
    }

    private List<String> dbOptions() {
        if (postgres == null) {
            // a file, not dev-mem, so that the data survives restart(); under the run dir, recreated per run
            // H2 keeps 8 parsed statements per connection unless told more (a SCIM create runs about 14 distinct ones)
            List<String> h2 = new ArrayList<>(List.of("--db=dev-file", "--db-username=" + RunDatabase.H2_USER,
                    "--db-password=" + RunDatabase.H2_PASSWORD));
            if (Boolean.getBoolean("kc.h2.auto.server")) {
                // the bench's seeder connects beside Keycloak (RunDatabase.connectH2); a whole URL, because H2 refuses
                // AUTO_SERVER together with the DB_CLOSE_ON_EXIT=FALSE that Keycloak adds to its default URL
                h2.add("--db-url=jdbc:h2:file:" + runDir.resolve("data/h2/keycloakdb")
                        + ";NON_KEYWORDS=VALUE;QUERY_CACHE_SIZE=64;AUTO_SERVER=TRUE");
            } else {
                h2.add("--db-url-properties=;QUERY_CACHE_SIZE=64");
            }
            return h2;
        }
        return List.of("--db=postgres", "--db-url=" + postgres.jdbcUrl(), "--db-username=" + postgres.user,
                "--db-password=" + postgres.password);
    }

    /** What a one-shot {@code kc.sh} command printed, and its exit code. */
    public record CommandResult(int exitCode, String output) {
    }

    /**
     * Runs {@code kc.sh <args>} (e.g. {@code export --dir ...}) in this server's run dir against its database, with
     * the features of the server; only while the server is stopped (inside {@link #restart}'s {@code whileStopped},
     * or before the first start): H2 allows one process at a time. Its output is appended to the server log too.
     */
    public CommandResult kcCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(runDir.resolve("bin/kc.sh").toString());
        cmd.addAll(args);
        String features = System.getProperty("kc.features", "declarative-ui");
        if (!features.isBlank()) {
            cmd.add("--features=" + features);
        }
        cmd.addAll(dbOptions());
        cmd.add("--log-level=" + System.getProperty("kc.log.level", "INFO,io.preset:debug"));
        cmd.add("--log-console-color=false");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(runDir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_"));
        // kc.sh import into a fresh database creates the master realm: with the same admin as the server
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("kc.sh " + args + " did not finish");
            }
            Files.writeString(logFile, "# kc.sh " + String.join(" ", args) + "\n" + output, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new CommandResult(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * PR_SET_PDEATHSIG fires when the parent *thread* exits, so the process is started from a daemon thread that
     * then just waits for it: the thread lives exactly as long as the process (or this JVM).
     */
    private Process startFromLongLivedThread(ProcessBuilder pb) {
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            Process p;
            try {
                p = pb.start();
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
                return;
            }
            started.complete(p);
            try {
                p.waitFor();
            } catch (InterruptedException ignored) {
                // JVM is going down
            }
        }, "keycloak-" + db + "-process");
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

    private void awaitReady(Duration timeout) {
        String health = managementUrl() + "/health/ready";
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak (" + db + ") exited with code " + process.exitValue()
                        + " before it was ready. Last lines of " + logFile + ":\n" + tail(80));
            }
            try {
                Http.Response r = Http.request("GET", health).timeout(Duration.ofSeconds(3)).send();
                if (r.status() == 200 && r.json() != null && "UP".equals(r.json().path("status").asText())) {
                    return;
                }
                last = r.toString();
            } catch (RuntimeException e) {
                last = e.getMessage(); // connection refused while booting
            }
            sleep(1000);
        }
        throw new IllegalStateException("Keycloak (" + db + ") not ready after " + timeout.toSeconds() + " s (" + health
                + ": " + last + "). Last lines of " + logFile + ":\n" + tail(80));
    }

    private void prepareRunDir(Path home) {
        try {
            deleteRecursively(runDir);
            copyTree(home, runDir);
            Path providers = Files.createDirectories(runDir.resolve("providers"));
            String providersDir = System.getProperty("kc.providers.dir");
            if (providersDir == null) {
                System.err.println("[it] WARNING: kc.providers.dir not set, starting Keycloak without our providers");
            } else {
                copyMatching(Paths.get(providersDir), "*.jar", providers);
            }
            Path imports = Files.createDirectories(runDir.resolve("data/import"));
            String realmDir = System.getProperty("kc.realm.dir");
            if (realmDir != null) {
                copyMatching(Paths.get(realmDir), "*.json", imports);
            }
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + runDir, e);
        }
    }

    private void writeLogHeader(List<String> cmd, boolean append) {
        OpenOption[] mode = append
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                : new OpenOption[0];
        try (BufferedWriter w = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, mode)) {
            w.write("# " + Instant.now() + " Keycloak IT server (" + db + ") " + (append ? "restarted" : "started") + " in "
                    + runDir + "\n# " + String.join(" ", cmd) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ stop

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeAdminClient();
        }
        Instant t0 = Instant.now();
        if (process != null) {
            stopProcessTree(process.toHandle(), Duration.ofSeconds(30));
        }
        if (postgres != null) {
            postgres.dropQuietly();
        }
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
        if (process != null) {
            System.out.printf("[it] Keycloak (%s) stopped in %.1f s%n", db, Duration.between(t0, Instant.now()).toMillis() / 1000.0);
        }
    }

    /** SIGTERM (kc.sh forwards it to java), wait, then SIGKILL whatever of the tree is left. */
    static void stopProcessTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        root.destroy();
        awaitExit(tree, grace);
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            }
        }
        awaitExit(tree, Duration.ofSeconds(10));
    }

    static void awaitExit(List<ProcessHandle> handles, Duration max) {
        Instant deadline = Instant.now().plus(max);
        for (ProcessHandle h : handles) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return;
            }
            try {
                h.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException ignored) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ stale runs

    private void writeState(Long pid) {
        Properties p = new Properties();
        p.setProperty("runDir", runDir.toString());
        if (pid != null) {
            p.setProperty("pid", Long.toString(pid));
        }
        if (postgres != null) {
            p.setProperty("pgDatabase", postgres.name);
        }
        try (BufferedWriter w = Files.newBufferedWriter(stateFile, StandardCharsets.UTF_8)) {
            p.store(w, "written by " + LocalKeycloak.class.getName() + "; removed on clean stop");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills processes still running from our run dir and drops the database of a previous run that died hard. */
    private static void cleanUpStaleRun(Path workDir, String db) {
        Path state = workDir.resolve("kc-run-" + db + ".state");
        String marker = workDir.resolve("kc-run-" + db).resolve("bin").toString();
        List<ProcessHandle> stale = ProcessHandle.allProcesses()
                .filter(h -> h.pid() != ProcessHandle.current().pid())
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
        for (ProcessHandle h : stale) {
            System.err.println("[it] killing leftover Keycloak process " + h.pid() + " from " + marker);
            stopProcessTree(h, Duration.ofSeconds(10));
        }
        if (Files.exists(state)) {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(state, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String pgDb = p.getProperty("pgDatabase");
            if (pgDb != null) {
                System.err.println("[it] dropping leftover database " + pgDb);
                PostgresDatabase.named(pgDb).dropQuietly();
            }
            try {
                Files.delete(state);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Last {@code n} lines of the server log. */
    public String tail(int n) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log file)";
            }
            Deque<String> lines = new java.util.ArrayDeque<>();
            try (var r = Files.newBufferedReader(logFile, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.addLast(line);
                    if (lines.size() > n) {
                        lines.removeFirst();
                    }
                }
            }
            return String.join("\n", lines);
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    static boolean canUsePdeathsig() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return false;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, "setpriv"))) {
                return true;
            }
        }
        return false;
    }

    static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                s.setReuseAddress(true);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // ignore
                }
            }
        }
    }

    static Path requiredDir(String property) {
        String v = System.getProperty(property);
        if (v == null || !Files.isDirectory(Paths.get(v))) {
            throw new IllegalStateException("system property " + property + " must point to an existing directory (got "
                    + v + "). Run the ITs through Maven: ./mvnw -B verify (failsafe sets it and unpacks Keycloak).");
        }
        Path p = absolute(v);
        if (!Files.isRegularFile(p.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(p + " is not an unpacked Keycloak distribution (no bin/kc.sh)");
        }
        return p;
    }

    static Path absolute(String p) {
        return Paths.get(p).toAbsolutePath().normalize();
    }

    static void copyMatching(Path fromDir, String glob, Path toDir) throws IOException {
        if (!Files.isDirectory(fromDir)) {
            System.err.println("[it] WARNING: " + fromDir + " does not exist, nothing copied to " + toDir);
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fromDir, glob)) {
            for (Path f : ds) {
                Files.copy(f, toDir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    @Override
    public String toString() {
        return "LocalKeycloak[" + db + ", " + baseUrl() + "]";
    }
}
