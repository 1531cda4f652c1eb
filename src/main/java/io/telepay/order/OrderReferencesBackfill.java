package io.telepay.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.telepay.shared.JavaMigrationBean;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/** Gives every order made before V220 its short reference, a thousand orders a statement batch. */
@Component
class OrderReferencesBackfill extends JavaMigrationBean {

    OrderReferencesBackfill() {
        super("221", "Short references for earlier orders");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        fill(context.getConnection());
    }

    /** References for the orders without one; the number filled. */
    static int fill(Connection connection) throws SQLException {
        Set<String> taken = new HashSet<>();
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select id from sales_order where reference is null");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        try (PreparedStatement update = connection.prepareStatement("update sales_order set reference = ? where id = ?")) {
            for (int i = 0; i < ids.size(); i++) {
                String reference;
                do {
                    reference = OrderReference.next();
                } while (!taken.add(reference));
                update.setString(1, reference);
                update.setString(2, ids.get(i));
                update.addBatch();
                if (i % 1000 == 999) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
        }
        return ids.size();
    }
}
