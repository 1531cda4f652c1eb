package io.telepay.customer.lead;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Conversion so far per campaign and per source: leads, how many agents reached, how many bought. */
@Component
class LeadStats {

    static final String CAMPAIGN = "campaign";
    static final String SOURCE = "source";

    private final JdbcClient jdbc;

    LeadStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current numbers of these names of one kind; names never seen are missing from the map. */
    Map<String, LeadFacts.Conversion> of(String kind, Collection<String> names) {
        Map<String, LeadFacts.Conversion> found = new HashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        jdbc.sql("select name, contacted, converted from lead_stats where kind = :kind and name in (:names)")
                .param("kind", kind).param("names", List.copyOf(names))
                .query((rs, n) -> new LeadFacts.Conversion(rs.getString("name"), rs.getLong("contacted"), rs.getLong("converted")))
                .list().forEach(conversion -> found.put(conversion.name(), conversion));
        return found;
    }

    /**
     * Makes sure the row exists, in a transaction of its own: a second importer racing to create the
     * same campaign must not abort the caller's batch (PostgreSQL aborts a transaction on any error).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void ensure(String kind, String name) {
        try {
            jdbc.sql("""
                    insert into lead_stats (kind, name) select :kind, :name
                    where not exists (select 1 from lead_stats where kind = :kind and name = :name)""")
                    .param("kind", kind).param("name", name).update();
        } catch (DuplicateKeyException alreadyThere) {
            // created by the other importer: what we wanted
        }
    }

    void addLeads(String kind, String name, int count) {
        bump(kind, name, "leads", count);
    }

    void addContacted(String kind, String name) {
        bump(kind, name, "contacted", 1);
    }

    void addConverted(String kind, String name) {
        bump(kind, name, "converted", 1);
    }

    private void bump(String kind, String name, String column, int count) {
        if (name == null) {
            return;
        }
        jdbc.sql("update lead_stats set " + column + " = " + column + " + :count where kind = :kind and name = :name")
                .param("count", count).param("kind", kind).param("name", name).update();
    }
}
