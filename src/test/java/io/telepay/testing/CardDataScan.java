package io.telepay.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Looks for card numbers and CVCs where they must never be (invariant 1): every column of every table
 * of the schema, whichever module made it, and any text a test collected (responses, log output).
 */
public final class CardDataScan {

    private final JdbcClient jdbc;
    private final List<String> pans;
    private final List<String> cvcs;

    public CardDataScan(JdbcClient jdbc, List<String> pans, List<String> cvcs) {
        this.jdbc = jdbc;
        this.pans = pans;
        this.cvcs = cvcs;
    }

    /**
     * @param text   whether the column holds characters (only those are compared with a CVC: a sequence number may equal one)
     * @param binary whether it holds bytes: searched byte by byte, not as the database's text form of them (PostgreSQL's hex
     *               of a run of zero bytes reads "…000000000000…", which looks like a card number's digits)
     */
    public record Column(String table, String name, boolean text, boolean binary) {

        public Column(String table, String name) {
            this(table, name, true, false);
        }

        /** Holds a card's last four digits by design, so a random card can end in a four-digit CVC by chance. */
        boolean lastFour() {
            return name.endsWith("last4");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Column c && c.table.equals(table) && c.name.equals(name);
        }

        @Override
        public int hashCode() {
            return table.hashCode() * 31 + name.hashCode();
        }

        @Override
        public String toString() {
            return table + "." + name;
        }
    }

    /** What leaked into the database, as "table.column holds …" lines; empty when nothing did. */
    public List<String> databaseLeaks() {
        List<String> leaks = new ArrayList<>();
        for (Column column : columns()) {
            for (String value : column.binary() ? bytesAsText(column) : suspiciousValues(column)) {
                leaks.addAll(leaks(column.toString(), value));
            }
        }
        return leaks;
    }

    /** What leaked into a text: a card number (whole, or its first 12 digits, spaced or not) or a labelled CVC. */
    public List<String> leaks(String where, String text) {
        List<String> leaks = new ArrayList<>();
        String digitsOnly = text.replaceAll("(?<=\\d)[ -](?=\\d)", "");
        for (int i = 0; i < pans.size(); i++) {
            if (digitsOnly.contains(pans.get(i).substring(0, 12))) {
                leaks.add(where + " holds card number " + i);
            }
            String cvc = cvcs.get(i);
            if (text.equals(cvc) || Pattern.compile("(?i)(cvc|cvv|csc|security code)\\W{0,8}" + cvc + "(?!\\d)").matcher(text).find()) {
                leaks.add(where + " holds the CVC of card " + i);
            }
        }
        return leaks;
    }

    public List<Column> columns() {
        return jdbc.sql("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema and t.table_type in ('BASE TABLE', 'TABLE')
                order by c.table_name, c.ordinal_position""")
                .query((rs, n) -> new Column(rs.getString(1).toLowerCase(), rs.getString(2).toLowerCase(),
                        rs.getString(3).toLowerCase().matches(".*(char|text|clob).*"),
                        rs.getString(3).toLowerCase().matches(".*(bytea|binary|blob).*")))
                .list();
    }

    /** Every value of a binary column, each byte one character, so that digits stored as ASCII read as digits. */
    private List<String> bytesAsText(Column column) {
        return jdbc.sql("select " + quoted(column.name()) + " from " + quoted(column.table()) + " where " + quoted(column.name()) + " is not null")
                .query((rs, n) -> new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1)).list();
    }

    /**
     * Values of the column that contain a card number's first 12 digits, equal a CVC (unless the column is a
     * last-four one), or mention a CVC at all.
     */
    private List<String> suspiciousValues(Column column) {
        String text = "cast(" + quoted(column.name()) + " as varchar)";
        StringBuilder where = new StringBuilder(text + " like '%cvc%' or " + text + " like '%CVC%' or "
                + text + " like '%cvv%' or " + text + " like '%CVV%'");
        for (String pan : pans) {
            where.append(" or ").append(text).append(" like '%").append(pan, 0, 12).append("%'");
        }
        if (column.text() && !column.lastFour()) {
            for (String cvc : cvcs) {
                where.append(" or ").append(text).append(" = '").append(cvc).append("'");
            }
        }
        return jdbc.sql("select " + text + " from " + quoted(column.table()) + " where " + where)
                .query(String.class).list();
    }

    public boolean holds(Column column, String value) {
        return jdbc.sql("select count(*) from " + quoted(column.table()) + " where cast(" + quoted(column.name())
                + " as varchar) = :v").param("v", value).query(Long.class).single() > 0;
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
