package io.telepay.shared;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where read-only reports read (docs/operations.md): a PostgreSQL read replica when {@code telepay.replica.url}
 * ({@code TELEPAY_REPLICA_DB_URL}) is set, through a small read-only pool of its own; otherwise the primary. A
 * replica lags the primary by up to seconds: only reports that may show that lag read here (the funnel), never a
 * read that decides a write. Not a {@code DataSource} bean on purpose: one would turn Boot's primary data source
 * (and its {@code JdbcClient}) off.
 */
@Component
public class ReportDatabase implements DisposableBean {

    private final JdbcClient jdbc;
    private final HikariDataSource replica;

    public ReportDatabase(JdbcClient primary,
                          @Value("${telepay.replica.url:}") String url,
                          @Value("${telepay.replica.username:${spring.datasource.username:}}") String username,
                          @Value("${telepay.replica.password:${spring.datasource.password:}}") String password,
                          @Value("${telepay.replica.pool-size:4}") int poolSize) {
        if (url.isBlank()) {
            this.replica = null;
            this.jdbc = primary;
            return;
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("replica");
        config.setJdbcUrl(url.strip());
        config.setUsername(username);
        config.setPassword(password);
        config.setReadOnly(true);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        // a replica that is down fails the reports that read it, not the start of the instance
        config.setInitializationFailTimeout(-1);
        this.replica = new HikariDataSource(config);
        this.jdbc = JdbcClient.create(replica);
    }

    /** The client reports read with: the replica's, or the primary's when no replica is configured. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Whether reports read from a replica. */
    public boolean replica() {
        return replica != null;
    }

    @Override
    public void destroy() {
        if (replica != null) {
            replica.close();
        }
    }
}
