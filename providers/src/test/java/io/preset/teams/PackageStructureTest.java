package io.preset.teams;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package rules of the extension, read from its sources: every class under {@code io.preset.teams} (none in
 * Keycloak's packages), no cycle between packages, so that each capability reads model, store, resource in one
 * direction (a reference is any import or fully qualified name of another package's class), and persistence
 * (JPA, Hibernate, Keycloak's JPA connection, queries) only in the persistence layer: entities, stores, the
 * SCIM list queries, the JPA plumbing of package {@code store} and {@code common.Persistence}.
 */
class PackageStructureTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.preset\\.teams(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(source);
                assertTrue(pkg.find(), file + " has no package");
                String from = pkg.group(1);
                Set<String> to = deps.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher ref = REFERENCE.matcher(source);
                while (ref.find()) {
                    if (!ref.group(1).equals(from)) {
                        to.add(ref.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deps;
    }

    @Test
    void everyClassIsUnderTheExtensionsRootPackage() {
        for (String pkg : dependencies().keySet()) {
            assertTrue(pkg.equals("io.preset.teams") || pkg.startsWith("io.preset.teams."), pkg);
        }
    }

    /** HTTP resources (JAX-RS classes: {@code *Resource}, {@code *Api}) answer; stores query. */
    @Test
    void noHttpResourceTouchesPersistence() {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches(".*(Resource|Api)\\.java")).toList()) {
                String source = Files.readString(file);
                if (source.contains("import jakarta.persistence") || source.contains("createQuery(")
                        || source.contains("createNamedQuery(") || source.contains("createNativeQuery(")) {
                    offenders.add(SOURCES.relativize(file).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), offenders, "resources with queries or JPA of their own");
    }

    private static final Pattern PERSISTENCE = Pattern.compile("\\bjakarta\\.persistence\\.|\\borg\\.hibernate\\."
            + "|\\bEntityManager\\b|\\bentityManager\\(|\\bJpaConnectionProvider\\b|\\.create(?:Named|Native)?Query\\(");

    /**
     * Where persistence may be written: {@code *Entity} (mappings), {@code *Store} (queries and writes of their
     * entities), {@code *Query} and {@code *Queries} (the SCIM list queries built from filters), package {@code store} (the JPA entity
     * provider and its listeners) and {@code common.Persistence} (the one flush that turns a lost race into an error).
     */
    @Test
    void persistenceStaysInStores() {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String rel = SOURCES.relativize(file).toString().replace('\\', '/');
                String name = file.getFileName().toString();
                boolean allowed = name.matches(".*(Entity|Store|Query|Queries)\\.java")
                        || rel.startsWith("io/preset/teams/store/") || rel.equals("io/preset/teams/common/Persistence.java");
                if (!allowed && PERSISTENCE.matcher(Files.readString(file)).find()) {
                    offenders.add(rel);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), offenders, "classes outside the persistence layer that use JPA, Hibernate or queries");
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> deps = dependencies();
        assertTrue(deps.size() > 20, "the sources were found: " + deps.keySet());
        List<List<String>> cycles = new ArrayList<>();
        for (String start : deps.keySet()) {
            List<String> path = pathBack(deps, start);
            if (path != null) {
                cycles.add(path);
            }
        }
        assertEquals(List.of(), cycles, "package cycles (each as start -> ... -> start)");
    }

    /** A shortest path from {@code start} through its dependencies back to {@code start}, or null. */
    private static List<String> pathBack(Map<String, Set<String>> deps, String start) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(deps.getOrDefault(start, Set.of()));
        for (String first : queue) {
            cameFrom.put(first, start);
        }
        while (!queue.isEmpty()) {
            String at = queue.poll();
            if (at.equals(start)) {
                List<String> path = new ArrayList<>();
                String step = cameFrom.get(start);
                path.add(start);
                while (!step.equals(start)) {
                    path.add(0, step);
                    step = cameFrom.get(step);
                }
                path.add(0, start);
                return path;
            }
            for (String next : deps.getOrDefault(at, Set.of())) {
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.add(next);
                }
            }
        }
        return null;
    }
}
