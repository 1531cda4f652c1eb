package io.telepay.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.telepay.testing.CardDataScan;
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

        CardDataScan scan = new CardDataScan(jdbc, pans, cvcs);
        assertThat(scan.databaseLeaks()).isEmpty();
        // the scan must see the vault's own rows, or it proves nothing
        assertThat(scan.columns()).contains(new CardDataScan.Column("vault_card", "ciphertext"),
                new CardDataScan.Column("audit_entry", "details"));
        assertThat(scan.holds(new CardDataScan.Column("vault_card", "token"), stored.getFirst().token())).isTrue();
        assertThat(scan.holds(new CardDataScan.Column("vault_card", "last4"), stored.getFirst().last4())).isTrue();
    }

    @Test
    void theScanReadsBinaryColumnsByteByByteAndFindsACardNumberStoredAsText() {
        String pan = TestCards.luhnValid("5", 16);
        String key = "scan-test:" + io.telepay.shared.Ids.randomToken(8);
        jdbc.sql("insert into rate_limit_bucket (id, state, expires_at) values (:id, :state, :at)").param("id", key)
                .param("state", ("card " + pan).getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .param("at", io.telepay.shared.Db.ts(clock.instant())).update();
        try {
            assertThat(new CardDataScan(jdbc, List.of(pan), List.of("999")).databaseLeaks())
                    .contains("rate_limit_bucket.state holds card number 0");
        } finally {
            jdbc.sql("delete from rate_limit_bucket where id = :id").param("id", key).update();
        }
    }
}
