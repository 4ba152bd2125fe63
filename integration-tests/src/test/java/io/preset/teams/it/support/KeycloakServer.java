package io.preset.teams.it.support;

import java.lang.reflect.InvocationTargetException;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one Keycloak of this test JVM, shared by all IT classes and started lazily by the first one that needs it.
 *
 * <p>Use {@code @ExtendWith(KeycloakExtension.class)} (preferred: the server is then stopped when the whole JUnit
 * run ends, via a {@link ExtensionContext.Store.CloseableResource} in the root store) and take a
 * {@link KeycloakTarget} parameter, or call {@link #get()} from anywhere (then a JVM shutdown hook stops it).
 *
 * <p>{@code kc.it.mode}: {@code local} (default, {@link LocalKeycloak}) or {@code testcontainers}
 * ({@code TestcontainersKeycloak}, compiled only with {@code -Ptestcontainers}).
 * {@code kc.db}: {@code h2} (default) or {@code postgres}.
 */
public final class KeycloakServer {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakServer.class);

    private static KeycloakTarget instance;
    private static Throwable startFailure;

    private KeycloakServer() {
    }

    /** The shared server, started on first use and registered for stopping at the end of the JUnit run. */
    public static synchronized KeycloakTarget get(ExtensionContext context) {
        KeycloakTarget target = get();
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(StopAtEndOfRun.class, k -> new StopAtEndOfRun(),
                StopAtEndOfRun.class);
        return target;
    }

    /** The shared server, started on first use. A failed start is remembered: later callers fail immediately. */
    public static synchronized KeycloakTarget get() {
        if (instance != null) {
            return instance;
        }
        if (startFailure != null) {
            throw new IllegalStateException("Keycloak failed to start earlier in this test run (see the first failing test): "
                    + startFailure.getMessage(), startFailure);
        }
        try {
            instance = create();
            return instance;
        } catch (RuntimeException | Error e) {
            startFailure = e;
            throw e;
        }
    }

    public static String mode() {
        return System.getProperty("kc.it.mode", "local");
    }

    public static String db() {
        return System.getProperty("kc.db", "h2");
    }

    /** Stops the shared server (idempotent); normally done for you at the end of the run. */
    public static synchronized void stop() {
        if (instance != null) {
            try {
                instance.close();
            } finally {
                instance = null;
            }
        }
    }

    private static KeycloakTarget create() {
        return switch (mode()) {
            case "local" -> LocalKeycloak.start(db());
            case "testcontainers" -> startTestcontainers();
            default -> throw new IllegalArgumentException("kc.it.mode must be local or testcontainers, got " + mode());
        };
    }

    /** Reflection keeps the default build free of the testcontainers dependency. */
    private static KeycloakTarget startTestcontainers() {
        String cls = KeycloakServer.class.getPackageName() + ".TestcontainersKeycloak";
        try {
            return (KeycloakTarget) Class.forName(cls).getMethod("start", String.class).invoke(null, db());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("kc.it.mode=testcontainers needs the Maven profile: ./mvnw verify -Ptestcontainers", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class StopAtEndOfRun implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stop();
        }
    }
}
