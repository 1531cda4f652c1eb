package io.telepay.shared;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java and registered as a Spring bean (so it can read configuration), run in
 * order with the SQL ones by its version. No checksum: the code is the migration.
 */
public abstract class JavaMigrationBean implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    protected JavaMigrationBean(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
