package io.telepay.customer.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.telepay.customer.LeadUploads;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

/**
 * A 100,000-row lead import through the HTTP API, timed, with the JVM's peak heap while it runs. Out of the
 * default run (it takes a minute or more); run it with
 * {@code ./mvnw -o test -Dtest=LeadImportBenchmarkTest -Dbenchmark=true -DargLine=-Xmx256m} against a file or
 * PostgreSQL database ({@code TELEPAY_TEST_DB_URL}): the default in-memory H2 keeps all 100,000 customers in the heap.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class LeadImportBenchmarkTest extends SystemTest {

    private static final int ROWS = 100_000;
    private static final String[] SURNAMES = {"陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊"};
    private static final String[] GIVEN = {"志明", "淑芬", "建宏", "美惠", "家豪", "雅婷", "俊傑", "詩涵", "宗翰", "佳穎"};

    @Test
    void importsOneHundredThousandRows() throws Exception {
        Path csv = generate(Files.createTempFile("leads-100k", ".csv"));
        Http admin = as(Role.ADMIN);
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong peakLive = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                // what the last collection left: the live set, without the garbage still waiting
                peakLive.accumulateAndGet(ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                        .mapToLong(p -> p.getCollectionUsage().getUsed()).sum(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        Http.Response accepted = LeadUploads.upload(admin, Files.readAllBytes(csv), Map.of("campaign", "bench-" + Ids.randomToken(3)));
        long uploaded = System.nanoTime();
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode job = LeadUploads.waitFor(admin, accepted.json().get("id").asString(), Duration.ofMinutes(15));
        long finished = System.nanoTime();
        sampler.interrupt();

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("processedRows").asInt()).isEqualTo(ROWS);
        System.out.printf("""
                lead import benchmark: %d rows, %.1f MB CSV
                  upload checked and queued in %d ms, imported in %d ms (%.0f rows/s end to end)
                  imported=%d duplicates=%d doNotCall=%d rejected=%d
                  whole JVM (server and test) sampled every 20 ms: peak heap used %d MiB, peak live heap after GC %d MiB, max heap %d MiB
                """, ROWS, Files.size(csv) / 1e6, (uploaded - start) / 1_000_000, (finished - start) / 1_000_000,
                ROWS / ((finished - start) / 1e9), job.get("imported").asInt(), job.get("duplicates").asInt(),
                job.get("doNotCall").asInt(), job.get("rejected").asInt(), peakHeap.get() >> 20, peakLive.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        jdbc.sql("update lead set status = 'CLOSED', outcome = 'TEST' where import_id = :job")
                .param("job", job.get("id").asString()).update();
        Files.delete(csv);
    }

    /** Realistic rows: Taiwanese and mainland mobiles, about 1% repeated numbers and 1% broken rows. */
    private static Path generate(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        // a fresh block of numbers each run, so a second run on the same database imports rather than deduplicates
        long base = System.nanoTime() % 90_000_000L;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("name,phone,email,source,campaign\n");
            for (int i = 0; i < ROWS; i++) {
                String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
                long serial = (base + (random.nextInt(100) == 0 && i > 0 ? i - 1 : i)) % 100_000_000L;
                String phone = i % 3 == 0 ? String.format("+86 139 %04d %04d", serial / 10_000 % 10_000, serial % 10_000)
                        : String.format("09%02d-%03d-%03d", 10 + serial / 1_000_000 % 80, serial / 1000 % 1000, serial % 1000);
                if (random.nextInt(100) == 0) {
                    phone = "12345";
                }
                String email = random.nextInt(3) == 0 ? "lead" + i + "@example.com.tw" : "";
                String source = random.nextBoolean() ? "facebook" : "web";
                out.write(name + "," + phone + "," + email + "," + source + ",\n");
            }
        }
        return file;
    }
}
