package io.telepay.shared;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where Telepay runs: the embedded default (H2 file under the data directory, demo workspace, keys
 * generated on first start) or production (PostgreSQL, secrets only from the environment).
 */
@Component
public class Deployment {

    private final boolean embedded;
    private final Path dataDir;
    private final boolean demo;

    public Deployment(@Value("${spring.datasource.url}") String databaseUrl,
                      @Value("${telepay.data-dir}") String dataDir,
                      @Value("${telepay.demo}") boolean demo) {
        this.embedded = databaseUrl.startsWith("jdbc:h2:");
        this.dataDir = Path.of(dataDir).toAbsolutePath().normalize();
        this.demo = demo && embedded;
    }

    public boolean embedded() {
        return embedded;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Demo data is seeded only on the embedded default, never in production. */
    public boolean demo() {
        return demo;
    }
}
