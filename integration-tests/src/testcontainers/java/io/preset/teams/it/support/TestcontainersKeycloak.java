package io.preset.teams.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import dasniko.testcontainers.keycloak.KeycloakContainer;

import org.keycloak.admin.client.Keycloak;
import org.testcontainers.utility.MountableFile;

/**
 * {@link KeycloakTarget} backed by the official Keycloak image (testcontainers-keycloak). Compiled only with
 * {@code -Ptestcontainers}; selected by {@code kc.it.mode=testcontainers}; needs a Docker daemon.
 * Image: {@code kc.image} (default {@code quay.io/keycloak/keycloak:26.7.3}).
 */
public final class TestcontainersKeycloak implements KeycloakTarget {

    private final KeycloakContainer container;
    private final Path logFile;
    private Keycloak admin;

    private TestcontainersKeycloak(KeycloakContainer container, Path logFile) {
        this.container = container;
        this.logFile = logFile;
    }

    public static TestcontainersKeycloak start(String db) {
        if (!"h2".equals(db)) {
            throw new IllegalArgumentException("testcontainers mode supports kc.db=h2 only, got " + db);
        }
        String image = System.getProperty("kc.image", "quay.io/keycloak/keycloak:26.7.3");
        Path logFile = Paths.get(System.getProperty("kc.log.dir", "target")).toAbsolutePath().resolve("keycloak-" + db + ".log");

        List<File> libs = new ArrayList<>();
        String providersDir = System.getProperty("kc.providers.dir");
        if (providersDir != null) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get(providersDir), "*.jar")) {
                ds.forEach(p -> libs.add(p.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        KeycloakContainer c = new KeycloakContainer(image)
                .withProviderLibsFrom(libs)
                .withFeaturesEnabled(System.getProperty("kc.features", "declarative-ui"))
                .withEnv("KC_LOG_LEVEL", System.getProperty("kc.log.level", "INFO,io.preset:debug"));
        String realmDir = System.getProperty("kc.realm.dir");
        if (realmDir != null) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get(realmDir), "*.json")) {
                for (Path p : ds) {
                    c.withCopyFileToContainer(MountableFile.forHostPath(p), "/opt/keycloak/data/import/" + p.getFileName());
                }
                c.withCustomCommand("--import-realm");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        c.withLogConsumer(frame -> {
            try {
                Files.writeString(logFile, frame.getUtf8String(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // logging is best effort
            }
        });
        c.start();
        TestcontainersKeycloak target = new TestcontainersKeycloak(c, logFile);
        Runtime.getRuntime().addShutdownHook(new Thread(target::close, "keycloak-container-shutdown"));
        System.out.printf("[it] Keycloak container (%s) ready at %s%n", image, target.baseUrl());
        return target;
    }

    @Override
    public String baseUrl() {
        return stripSlash(container.getAuthServerUrl());
    }

    @Override
    public String managementUrl() {
        return stripSlash(container.getMgmtServerUrl());
    }

    @Override
    public String db() {
        return "h2";
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public synchronized Keycloak adminClient() {
        if (admin == null) {
            admin = container.getKeycloakAdminClient();
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        if (container.isRunning()) {
            container.stop();
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
