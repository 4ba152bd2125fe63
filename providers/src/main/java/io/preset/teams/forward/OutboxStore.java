package io.preset.teams.forward;

import io.preset.teams.common.DomainException;
import io.preset.teams.team.TeamEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.util.List;

/** A team's outbox rows as operators read and mend them: a page of them, and retrying or dropping a dead one. */
public final class OutboxStore {

    private final EntityManager em;

    public OutboxStore(EntityManager em) {
        this.em = em;
    }

    /** A page of the team's rows, in one state or all. */
    public List<OutboxEntity> page(TeamEntity team, String state, int first, int max) {
        TypedQuery<OutboxEntity> query = state == null
                ? em.createNamedQuery("presetOutbox.ofTeam", OutboxEntity.class)
                : em.createNamedQuery("presetOutbox.ofTeamInState", OutboxEntity.class).setParameter("state", state);
        return query.setParameter("teamId", team.getId()).setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** The team's dead row {@code id}: a 404 for a row of another team or none, a 409 for one not dead. */
    public OutboxEntity dead(TeamEntity team, String id) {
        OutboxEntity row = id == null || id.length() > 36 ? null : em.find(OutboxEntity.class, id);
        if (row == null || !team.getId().equals(row.getTeamId())) {
            throw DomainException.notFound("Outbox row '" + id + "' not found in team '" + team.getSlug() + "'");
        }
        if (!OutboxEntity.DEAD.equals(row.getState())) {
            throw DomainException.conflict("Outbox row '" + id + "' is " + row.getState() + ", not dead");
        }
        return row;
    }

    /** Sends the dead row again from its first attempt. */
    public void retry(OutboxEntity row) {
        row.setState(OutboxEntity.PENDING);
        row.setAttempts(0);
        row.setNextAttemptAt(System.currentTimeMillis());
    }

    public void drop(OutboxEntity row) {
        em.remove(row);
    }
}
