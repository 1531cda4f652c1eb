package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The short reference a customer reads over the phone (issue 16): on every order, unique, free of look-alike
 * characters, and found again however a person types it — by whoever may see the order, and nobody else.
 */
class OrderReferenceSystemTest extends OrderSystemTestSupport {

    @Autowired
    DataSource dataSource;

    @Test
    void everyOrderHasAShortReferenceWithoutLookAlikes() {
        Seller seller = seller();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String reference = seller.http().get(ORDERS + "/" + draft(seller)).json().get("reference").asString();
            assertThat(reference).matches("[2-9A-HJKMNP-TW-Z]{8}");
            assertThat(seen.add(reference)).as("unique").isTrue();
        }
    }

    @Test
    void anOrderIsFoundByItsReferenceTypedAsPeopleTypeIt() {
        Seller seller = seller();
        String id = draft(seller);
        String reference = seller.http().get(ORDERS + "/" + id).json().get("reference").asString();
        String typed = (reference.substring(0, 4) + "-" + reference.substring(4)).toLowerCase(Locale.ROOT);

        Http.Response found = seller.http().get(ORDERS + "/by-reference/" + typed);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("id").asString()).isEqualTo(id);

        assertThat(seller().http().get(ORDERS + "/by-reference/" + reference).status())
                .as("another agent's order is not theirs to find").isEqualTo(404);
        assertProblem(seller.http().get(ORDERS + "/by-reference/" + "K7M2QX9"), 400, "reference");
        assertProblem(seller.http().get(ORDERS + "/by-reference/" + "O0I1L1UV"), 400, "reference");
    }

    @Test
    void ordersMadeBeforeReferencesGetOneFromTheMigration() throws Exception {
        Seller seller = seller();
        String id = draft(seller);
        jdbc.sql("update sales_order set reference = null where id = :id").param("id", id).update();

        try (var connection = dataSource.getConnection()) {
            assertThat(OrderReferencesBackfill.fill(connection)).isPositive();
        }
        assertThat(seller.http().get(ORDERS + "/" + id).json().get("reference").asString()).matches("[2-9A-HJKMNP-TW-Z]{8}");
    }

    @Test
    void referencesAreReadInTwoGroupsOfFour() {
        assertThat(OrderReference.display("K7M2QX9P")).isEqualTo("K7M2 QX9P");
        assertThat(OrderReference.parse(" k7m2 qx9p ")).hasValue("K7M2QX9P");
        assertThat(OrderReference.parse("K7M2QX9P0")).isEmpty();
        assertThat(OrderReference.ALPHABET).doesNotContain("0", "O", "1", "I", "L", "U", "V");
    }
}
