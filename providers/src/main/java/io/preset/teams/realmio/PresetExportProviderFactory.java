package io.preset.teams.realmio;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.exportimport.ExportProvider;
import org.keycloak.exportimport.ExportProviderFactory;
import org.keycloak.exportimport.dir.DirExportProviderFactory;
import org.keycloak.exportimport.singlefile.SingleFileExportProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.idm.ComponentExportRepresentation;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keycloak's export providers {@code dir} and {@code singleFile} (what {@code kc.sh export --dir} and
 * {@code --file} use), each wrapping Keycloak's own of the same id (a provider of an extension with the same id and
 * order wins over the built-in one): Keycloak writes the export as always, then every exported realm file gets the
 * realm's teams as a {@code preset-teams-data} component ({@link TeamRowStore}), which {@link DeclaredTeamsImport} turns
 * back into rows at import. Users stay in Keycloak's users files; the teams' rows are read a page at a time.
 */
public abstract class PresetExportProviderFactory implements ExportProviderFactory {

    private static final Logger LOG = Logger.getLogger(PresetExportProviderFactory.class);

    private final ExportProviderFactory keycloak;
    private Config.Scope config;
    private KeycloakSessionFactory sessionFactory;

    PresetExportProviderFactory(ExportProviderFactory keycloak) {
        this.keycloak = keycloak;
    }

    /** The realm files Keycloak wrote, once it is done. */
    abstract List<File> realmFiles(Config.Scope config, String realmName);

    @Override
    public ExportProvider create(KeycloakSession session) {
        ExportProvider export = keycloak.create(session);
        String realmName = System.getProperty("keycloak.migration.realmName", config.get("realmName"));
        return new ExportProvider() {
            @Override
            public void exportModel() throws IOException {
                export.exportModel();
                for (File file : realmFiles(config, realmName)) {
                    addTeams(file);
                }
            }

            @Override
            public void close() {
                export.close();
            }
        };
    }

    private void addTeams(File file) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
        try {
            JsonNode root = mapper.readTree(file);
            List<ObjectNode> realms = new ArrayList<>();
            if (root.isArray()) {
                root.forEach(r -> realms.add((ObjectNode) r));
            } else if (root.has("realms") && root.get("realms").isArray()) {
                root.get("realms").forEach(r -> realms.add((ObjectNode) r));
            } else {
                realms.add((ObjectNode) root);
            }
            for (ObjectNode realm : realms) {
                String name = realm.path("realm").asText();
                ComponentExportRepresentation data = data(name);
                ObjectNode components = realm.has("components") && realm.get("components").isObject()
                        ? (ObjectNode) realm.get("components") : realm.putObject("components");
                ArrayNode ours = components.putArray(DeclaredTeams.TYPE);
                ours.add(mapper.valueToTree(data));
                LOG.infof("Exported the Preset teams of realm %s (%d rows) into %s", name,
                        data.getSubComponents().getList(DeclaredTeams.TYPE).size(), file);
            }
            mapper.writeValue(file, root);
        } catch (IOException e) {
            throw new IllegalStateException("Could not add the Preset teams to " + file + ": " + e.getMessage(), e);
        }
    }

    private ComponentExportRepresentation data(String realmName) {
        List<ComponentExportRepresentation> rows = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> {
            RealmModel realm = session.realms().getRealmByName(realmName);
            if (realm != null) {
                TeamRowStore.export(session, realm.getId(), rows::add);
            }
        });
        ComponentExportRepresentation data = new ComponentExportRepresentation();
        data.setName("Preset teams");
        data.setProviderId(DeclaredTeams.DATA);
        MultivaluedHashMap<String, ComponentExportRepresentation> subs = new MultivaluedHashMap<>();
        subs.put(DeclaredTeams.TYPE, rows);
        data.setSubComponents(subs);
        return data;
    }

    @Override
    public void init(Config.Scope config) {
        this.config = config;
        keycloak.init(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.sessionFactory = factory;
        keycloak.postInit(factory);
    }

    @Override
    public void close() {
        keycloak.close();
    }

    @Override
    public String getId() {
        return keycloak.getId();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return keycloak.getConfigMetadata();
    }

    /** {@code kc.sh export --dir}: {@code <realm>-realm.json} of each exported realm. */
    public static class Dir extends PresetExportProviderFactory {
        public Dir() {
            super(new DirExportProviderFactory());
        }

        @Override
        List<File> realmFiles(Config.Scope config, String realmName) {
            String dir = System.getProperty("keycloak.migration.dir", config.get("dir"));
            if (dir == null) {
                LOG.warn("Export directory not configured: the Preset teams are not in the export");
                return List.of();
            }
            File[] files = new File(dir).listFiles((d, name) -> realmName == null
                    ? name.endsWith("-realm.json") : name.equals(realmName + "-realm.json"));
            return files == null ? List.of() : List.of(files);
        }
    }

    /** {@code kc.sh export --file}: the one file, with one realm or all of them. */
    public static class SingleFile extends PresetExportProviderFactory {
        public SingleFile() {
            super(new SingleFileExportProviderFactory());
        }

        @Override
        List<File> realmFiles(Config.Scope config, String realmName) {
            String file = System.getProperty("keycloak.migration.file", config.get("file"));
            return file == null ? List.of() : List.of(new File(file));
        }
    }
}
