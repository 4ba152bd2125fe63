package io.preset.teams.ownership.dns;

/** Looks up the TXT records of a domain name. */
@FunctionalInterface
public interface TxtResolver {

    TxtAnswer lookup(String domain);
}
