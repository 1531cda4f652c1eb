package io.telepay.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Invariant 1 at rest: after cards are tokenized, no column of any table holds a card number in
 * clear or a CVC. Reads every column of every table the schema has, whatever module made it.
 */
class CardDataAtRestSystemTest extends SystemTest {

    @Autowired
    CardVault vault;

    @Test
    void noTableHoldsACardNumberOrCvcAfterTokenization() {
        List<String> pans = List.of(TestCards.luhnValid("4", 16), TestCards.luhnValid("2720", 16),
                TestCards.luhnValid("37", 15), TestCards.luhnInvalid("6288", 19), TestCards.luhnValid("3566", 16));
        List<String> cvcs = List.of("846", "518", "9273", "604", "731");
        List<StoredCard> stored = new ArrayList<>();
        for (int i = 0; i < pans.size(); i++) {
            String spaced = pans.get(i).replaceAll("(\\d{4})(?=\\d)", "$1 ");
            PresentedCard card = PresentedCard.parse(spaced, TestCards.futureExpiry(clock).toString(), cvcs.get(i),
                    "王大明", clock);
            StoredCard tokenized = vault.tokenize(card);
            stored.add(tokenized);
            vault.detokenize(tokenized.token());
        }

        List<Column> columns = columns();
        List<String> leaks = new ArrayList<>();
        for (Column column : columns) {
            for (String value : suspiciousValues(column, pans, cvcs)) {
                for (int i = 0; i < pans.size(); i++) {
                    if (value.contains(pans.get(i)) || value.contains(pans.get(i).substring(0, 12))) {
                        leaks.add(column + " holds card number " + i);
                    }
                    if ((column.text() && value.equals(cvcs.get(i))) || Pattern.compile("(?i)(cvc|cvv|csc)\\W{0,6}" + cvcs.get(i)).matcher(value).find()) {
                        leaks.add(column + " holds the CVC of card " + i);
                    }
                }
            }
        }

        for (Column column : columns) {
            if (column.name().matches(".*(cvc|cvv|csc|cvn).*")) {
                leaks.add(column + " is a column for a CVC");
            }
        }

        assertThat(leaks).isEmpty();
        // the scan must see the vault's own rows, or it proves nothing
        assertThat(columns).extracting(Column::toString).contains("vault_card.ciphertext", "audit_entry.details");
        assertThat(contains(new Column("vault_card", "token"), stored.getFirst().token())).isTrue();
        assertThat(contains(new Column("vault_card", "last4"), stored.getFirst().last4())).isTrue();
    }

    private List<Column> columns() {
        return jdbc.sql("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema and t.table_type in ('BASE TABLE', 'TABLE')
                order by c.table_name, c.ordinal_position""")
                .query((rs, n) -> new Column(rs.getString(1).toLowerCase(), rs.getString(2).toLowerCase(), textual(rs.getString(3))))
                .list();
    }

    /**
     * Whether a column holds text. A CVC is digits, but an integer column that equals one is a counter
     * (the audit sequence passes 846 once enough has been audited), not a stored CVC: only text is compared
     * to the CVCs; a column named for a CVC is a leak whatever its type.
     */
    private static boolean textual(String dataType) {
        String type = dataType.toLowerCase(java.util.Locale.ROOT);
        return type.contains("char") || type.equals("text") || type.contains("clob") || type.contains("json");
    }

    /** Values of the column that contain a card number's first 12 digits, equal a CVC, or mention a CVC at all. */
    private List<String> suspiciousValues(Column column, List<String> pans, List<String> cvcs) {
        String text = "cast(" + quoted(column.name()) + " as varchar)";
        StringBuilder where = new StringBuilder(text + " like '%cvc%' or " + text + " like '%CVC%' or "
                + text + " like '%cvv%' or " + text + " like '%CVV%'");
        for (String pan : pans) {
            where.append(" or ").append(text).append(" like '%").append(pan, 0, 12).append("%'");
        }
        for (String cvc : cvcs) {
            where.append(" or ").append(text).append(" = '").append(cvc).append("'");
        }
        return jdbc.sql("select " + text + " from " + quoted(column.table()) + " where " + where)
                .query(String.class).list();
    }

    private boolean contains(Column column, String value) {
        return jdbc.sql("select count(*) from " + quoted(column.table()) + " where cast(" + quoted(column.name())
                        + " as varchar) = :v").param("v", value).query(Long.class).single() > 0;
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    record Column(String table, String name, boolean text) {

        Column(String table, String name) {
            this(table, name, true);
        }

        @Override
        public String toString() {
            return table + "." + name;
        }
    }
}
