package io.preset.teams.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts (once per test JVM) the shared Keycloak before the first test class that uses it and resolves
 * {@link KeycloakTarget} parameters of constructors, {@code @BeforeAll}/{@code @BeforeEach} and test methods.
 *
 * <pre>{@code
 * @ExtendWith(KeycloakExtension.class)
 * class MyIT {
 *     @Test
 *     void works(KeycloakTarget kc) {
 *         Http.Response r = Http.get(kc.baseUrl() + "/realms/preset/teams", kc.userToken("alice", "pw"));
 *     }
 * }
 * }</pre>
 */
public final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        KeycloakServer.get(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KeycloakTarget.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        return KeycloakServer.get(extensionContext);
    }
}
