package io.telepay.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.telepay.audit.AuditTrail;
import io.telepay.redaction.NoteRedactor;
import io.telepay.redaction.Redaction;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import io.telepay.shared.StateConflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The products Telepay sells. Every change is audited in its own transaction; a script is refused
 * when it asks for, or holds, a secret.
 */
@Service
public class Catalog {

    private static final String COLUMNS =
            "id, sku, name, description, price_minor, currency, fulfilment, active, script, created_at, updated_at";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final NoteRedactor redactor = new NoteRedactor();

    Catalog(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Product create(NewProduct product) {
        checkScript(product.script());
        if (findBySku(product.sku()).isPresent()) {
            throw new StateConflict("SKU " + product.sku() + " is taken");
        }
        String id = Ids.next("prd_");
        Instant now = now();
        jdbc.sql("""
                insert into product (id, sku, name, description, price_minor, currency, fulfilment, active, script, created_at, updated_at)
                values (:id, :sku, :name, :description, :priceMinor, :currency, :fulfilment, :active, :script, :now, :now)""")
                .param("id", id).param("sku", product.sku()).param("name", product.name())
                .param("description", product.description()).param("priceMinor", product.price().minorUnits())
                .param("currency", product.price().currencyCode()).param("fulfilment", product.fulfilment().name())
                .param("active", product.active()).param("script", product.script()).param("now", Db.ts(now))
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sku", product.sku());
        details.put("name", product.name());
        details.put("price", product.price().toString());
        details.put("fulfilment", product.fulfilment().name());
        details.put("active", product.active());
        details.put("script", product.script() == null ? "none" : product.script().length() + " characters");
        audit.record("product.created", id, details);
        return get(id);
    }

    /** Applies the fields the change holds; an empty change changes nothing and records nothing. */
    @Transactional
    public Product change(String id, ProductChange change) {
        Product before = lockForChange(id);
        if (change.isEmpty()) {
            return before;
        }
        if (change.script() != null) {
            checkScript(change.script());
        }
        String name = change.name() != null ? change.name() : before.name();
        String description = change.description() != null ? NewProduct.blankToNull(change.description()) : before.description();
        Money price = change.price() != null ? change.price() : before.price();
        boolean active = change.active() != null ? change.active() : before.active();
        String script = change.script() != null ? NewProduct.blankToNull(change.script()) : before.script();

        Map<String, Object> changed = new LinkedHashMap<>();
        if (!name.equals(before.name())) {
            changed.put("name", Map.of("from", before.name(), "to", name));
        }
        if (!Objects.equals(description, before.description())) {
            changed.put("description", "changed");
        }
        if (!price.equals(before.price())) {
            changed.put("price", Map.of("from", before.price().toString(), "to", price.toString()));
        }
        if (active != before.active()) {
            changed.put("active", Map.of("from", before.active(), "to", active));
        }
        if (!Objects.equals(script, before.script())) {
            changed.put("script", script == null ? "removed" : script.length() + " characters");
        }
        if (changed.isEmpty()) {
            return before;
        }
        jdbc.sql("""
                update product set name = :name, description = :description, price_minor = :priceMinor, currency = :currency,
                       active = :active, script = :script, updated_at = :now
                where id = :id""")
                .param("name", name).param("description", description).param("priceMinor", price.minorUnits())
                .param("currency", price.currencyCode()).param("active", active).param("script", script)
                .param("now", Db.ts(now())).param("id", id)
                .update();
        audit.record("product.changed", id, changed);
        return get(id);
    }

    /** Takes the product off sale; orders can no longer name it. Deactivating an inactive product changes nothing. */
    @Transactional
    public Product deactivate(String id) {
        return setActive(id, false);
    }

    @Transactional
    public Product activate(String id) {
        return setActive(id, true);
    }

    private Product setActive(String id, boolean active) {
        Product product = lockForChange(id);
        if (product.active() == active) {
            return product;
        }
        jdbc.sql("update product set active = :active, updated_at = :now where id = :id")
                .param("active", active).param("now", Db.ts(now())).param("id", id).update();
        audit.record(active ? "product.activated" : "product.deactivated", id, Map.of("sku", product.sku()));
        return get(id);
    }

    public Optional<Product> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from product where id = :id").param("id", id)
                .query(Catalog::map).optional();
    }

    public Product get(String id) {
        return find(id).orElseThrow(() -> new NotFound("product", id));
    }

    /** The product with this SKU, in any case and active or not. */
    public Optional<Product> findBySku(String sku) {
        if (sku == null || sku.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from product where sku = :sku")
                .param("sku", sku.strip().toUpperCase(Locale.ROOT))
                .query(Catalog::map).optional();
    }

    /** The product that can be ordered under this SKU (any case); empty when unknown or inactive. */
    public Optional<Product> findActiveBySku(String sku) {
        return findBySku(sku).filter(Product::active);
    }

    /**
     * The orderable products for many SKUs in one query (an order's lines), keyed by the upper-case
     * SKU; unknown and inactive SKUs are missing from the map.
     */
    public Map<String, Product> findActiveBySkus(Collection<String> skus) {
        Set<String> wanted = new TreeSet<>();
        for (String sku : skus) {
            if (sku != null && !sku.isBlank()) {
                wanted.add(sku.strip().toUpperCase(Locale.ROOT));
            }
        }
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<String, Product> found = new LinkedHashMap<>();
        jdbc.sql("select " + COLUMNS + " from product where sku in (:skus) and active = true")
                .param("skus", List.copyOf(wanted))
                .query(Catalog::map).list()
                .forEach(product -> found.put(product.sku(), product));
        return found;
    }

    /** Products by SKU, after the query's cursor. */
    public List<Product> list(ProductQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from product where sku > :after");
        List<String> conditions = new ArrayList<>();
        if (query.active() != null) {
            conditions.add("active = :active");
        }
        if (query.search() != null) {
            conditions.add("(lower(sku) like :search escape '\\' or lower(name) like :search escape '\\')");
        }
        conditions.forEach(condition -> sql.append(" and ").append(condition));
        sql.append(" order by sku limit :limit");
        var statement = jdbc.sql(sql.toString())
                .param("after", query.afterSku() == null ? "" : query.afterSku())
                .param("limit", query.limit());
        if (query.active() != null) {
            statement = statement.param("active", query.active());
        }
        if (query.search() != null) {
            statement = statement.param("search", "%" + likeEscaped(query.search().toLowerCase(Locale.ROOT)) + "%");
        }
        return statement.query(Catalog::map).list();
    }

    private Product lockForChange(String id) {
        // the row lock orders concurrent changes, so each audit line's "from" is what the change replaced
        return jdbc.sql("select " + COLUMNS + " from product where id = :id for update").param("id", id)
                .query(Catalog::map).optional()
                .orElseThrow(() -> new NotFound("product", id));
    }

    private void checkScript(String script) {
        if (script == null || script.isBlank()) {
            return;
        }
        Redaction redaction = redactor.redact(script);
        if (redaction.asksForSecret()) {
            throw new ScriptAsksForSecret(redaction.requests().getFirst().reason());
        }
        if (redaction.redacted()) {
            var finding = redaction.findings().getFirst();
            throw new ScriptAsksForSecret("holds a " + finding.kind().label() + " at character " + finding.start());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Product map(ResultSet rs, int row) throws SQLException {
        return new Product(rs.getString("id"), rs.getString("sku"), rs.getString("name"), rs.getString("description"),
                Money.ofMinor(rs.getLong("price_minor"), Money.currency(rs.getString("currency"))),
                Fulfilment.valueOf(rs.getString("fulfilment")), rs.getBoolean("active"), rs.getString("script"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }
}
