package io.telepay.trust.report;

import java.time.Instant;
import java.util.List;

import io.telepay.shared.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The links of reports to what they concern, one row per (report, kind, id). */
@Component
class ReportLinks {

    private final JdbcClient jdbc;

    ReportLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the link unless the report has it already; answers whether it was new. Joins the caller's transaction. */
    boolean add(String reportId, LinkKind kind, String target, String via, String by, Instant at) {
        boolean known = jdbc.sql("select count(*) from trust_report_link where report_id = :report and kind = :kind and target_id = :target")
                .param("report", reportId).param("kind", kind.name()).param("target", target).query(Long.class).single() > 0;
        if (known) {
            return false;
        }
        jdbc.sql("""
                insert into trust_report_link (report_id, kind, target_id, via, linked_by, linked_at)
                values (:report, :kind, :target, :via, :by, :at)""")
                .param("report", reportId).param("kind", kind.name()).param("target", target).param("via", via)
                .param("by", by).param("at", Db.ts(at)).update();
        return true;
    }

    List<ReportView.Link> of(String reportId) {
        return jdbc.sql("select kind, target_id, via, linked_by, linked_at from trust_report_link where report_id = :report order by linked_at, kind, target_id")
                .param("report", reportId)
                .query((rs, n) -> new ReportView.Link(LinkKind.valueOf(rs.getString("kind")), rs.getString("target_id"),
                        rs.getString("via"), rs.getString("linked_by"), Db.instant(rs, "linked_at")))
                .list();
    }

    void purge(String reportId) {
        jdbc.sql("delete from trust_report_link where report_id = :report").param("report", reportId).update();
    }
}
